namespace Gateway.Core.Frames;

/// <summary>
/// One indented line per decoded layer, in smoltcp's pretty_print style, with the error inline where
/// decoding stopped. Text for people: allocates, unlike decoding.
/// </summary>
public static class FramePrinter
{
    public const string NewLine = "\n";

    public static string Print(FrameLayers r)
    {
        string text = "";
        int depth = 0;
        for (int i = 0; i < r.LayerCount; i++, depth++)
            text += Line(depth, Describe(r, r.LayerAt(i)));
        if (r.HasError)
            text += Line(depth, FrameNames.Layer(r.Error.Layer) + " error: " + FrameNames.ErrorKind(r.Error.Kind) + " at offset " + FrameText.Decimal(r.Error.Offset));
        else if (r.IsFragment && !r.Has(FrameLayer.Tcp) && !r.Has(FrameLayer.Udp) && !r.Has(FrameLayer.Icmp) && !r.Has(FrameLayer.Icmpv6))
            text += Line(depth, "fragment data " + FrameText.Decimal(r.PayloadLength) + " bytes");
        else if (r.PayloadLength > 0)
            text += Line(depth, "payload " + FrameText.Decimal(r.PayloadLength) + " bytes");
        return text;
    }

    static string Line(int depth, string text)
    {
        if (depth == 0) return text + NewLine;
        return new string(' ', depth - 1) + "\\_ " + text + NewLine;
    }

    /// <summary>The one-line summary of a decoded layer, without indentation.</summary>
    public static string Describe(FrameLayers r, FrameLayer layer)
    {
        switch (layer)
        {
            case FrameLayer.Ethernet:
            {
                var e = r.Ethernet;
                string s = "Ethernet src=" + e.SourceText + " dst=" + e.DestinationText;
                for (int t = 0; t < e.TagCount; t++)
                    s += " " + FrameNames.EtherType(e.TagProtocol(t)) + " vlan=" + FrameText.Decimal(e.TagVlanId(t)) + " pcp=" + FrameText.Decimal(e.TagPriority(t));
                return s + " type=" + FrameNames.EtherType(e.EtherType);
            }
            case FrameLayer.LinuxSll:
            {
                var l = r.LinuxSll;
                return "Linux SLL pkttype=" + FrameText.Decimal(l.PacketType) + " hatype=" + FrameText.Decimal(l.HardwareType) + " addr=" + l.AddressText + " proto=" + FrameNames.EtherType(l.Protocol);
            }
            case FrameLayer.LinuxSll2:
            {
                var l = r.LinuxSll2;
                return "Linux SLL2 if=" + FrameText.Decimal(l.InterfaceIndex) + " pkttype=" + FrameText.Decimal(l.PacketType) + " hatype=" + FrameText.Decimal(l.HardwareType) + " addr=" + l.AddressText + " proto=" + FrameNames.EtherType(l.Protocol);
            }
            case FrameLayer.Loopback:
                return "Loopback family=" + FrameText.Decimal(r.Loopback.Family);
            case FrameLayer.Arp:
            {
                var a = r.Arp;
                return "ARP " + FrameNames.ArpOperation(a.Operation) + " sender=" + a.SenderHardwareText + "/" + a.SenderProtocolText + " target=" + a.TargetHardwareText + "/" + a.TargetProtocolText;
            }
            case FrameLayer.Ipv4:
            {
                var ip = r.Ipv4;
                string s = "IPv4 src=" + ip.SourceText + " dst=" + ip.DestinationText + " proto=" + FrameNames.IpProtocol(ip.Protocol)
                    + " ttl=" + FrameText.Decimal(ip.Ttl) + " len=" + FrameText.Decimal(ip.TotalLength) + " id=" + FrameText.Decimal(ip.Identification);
                if (ip.DontFragment) s += " DF";
                if (ip.MoreFragments) s += " MF";
                if (ip.FragmentOffset != 0) s += " frag=" + FrameText.Decimal(ip.FragmentOffset);
                if (ip.OptionsLength > 0) s += " options=" + FrameText.Decimal(ip.OptionsLength);
                return s + " cksum=" + FrameNames.Checksum(r.NetworkChecksum);
            }
            case FrameLayer.Ipv6:
            {
                var ip = r.Ipv6;
                string s = "IPv6 src=" + ip.SourceText + " dst=" + ip.DestinationText + " next=" + FrameNames.IpProtocol(ip.UpperProtocol)
                    + " hop_limit=" + FrameText.Decimal(ip.HopLimit) + " len=" + FrameText.Decimal(ip.PayloadLength);
                for (int i = 0; i < ip.ExtensionCount; i++)
                    s += " +" + FrameNames.IpProtocol(ip.GetExtension(i).Type);
                if (ip.HasFragmentHeader)
                    s += " frag=" + FrameText.Decimal(ip.FragmentOffset) + (ip.MoreFragments ? " MF" : "");
                return s;
            }
            case FrameLayer.Tcp:
            {
                var t = r.Tcp;
                string s = "TCP src=" + FrameText.Decimal(t.SourcePort) + " dst=" + FrameText.Decimal(t.DestinationPort)
                    + " " + TcpView.FlagsText(t.Flags) + " seq=" + FrameText.Decimal(t.SequenceNumber);
                if (t.Ack) s += " ack=" + FrameText.Decimal(t.AcknowledgmentNumber);
                s += " win=" + FrameText.Decimal(t.Window) + " len=" + FrameText.Decimal(t.PayloadLength);
                string opts = "";
                for (int at = t.OptionsStart; t.TryReadOption(at, out var o); at += o.Length)
                    opts += (opts.Length == 0 ? "" : ",") + t.OptionText(o);
                if (opts.Length > 0) s += " opts=" + opts;
                return s + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            case FrameLayer.Udp:
            {
                var u = r.Udp;
                return "UDP src=" + FrameText.Decimal(u.SourcePort) + " dst=" + FrameText.Decimal(u.DestinationPort)
                    + " len=" + FrameText.Decimal(u.Length) + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            case FrameLayer.Icmp:
            case FrameLayer.Icmpv6:
            {
                var c = layer == FrameLayer.Icmp ? r.Icmp : r.Icmpv6;
                string s = c.ProtocolName + " " + c.TypeName + " code=" + FrameText.Decimal(c.Code);
                if (c.IsEcho) s += " id=" + FrameText.Decimal(c.Identifier) + " seq=" + FrameText.Decimal(c.SequenceNumber);
                return s + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            default:
                return FrameNames.Layer(layer);
        }
    }
}
