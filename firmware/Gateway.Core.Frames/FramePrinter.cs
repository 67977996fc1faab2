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
            text += Line(depth, FrameNames.Layer(r.Error.Layer) + " error: " + FrameNames.ErrorKind(r.Error.Kind) + " at offset " + Text.Ascii.FromInt(r.Error.Offset));
        else if (r.IsFragment && !r.Has(FrameLayer.Tcp) && !r.Has(FrameLayer.Udp) && !r.Has(FrameLayer.Icmp) && !r.Has(FrameLayer.Icmpv6))
            text += Line(depth, "fragment data " + Text.Ascii.FromInt(r.PayloadLength) + " bytes");
        else if (r.PayloadLength > 0)
            text += Line(depth, "payload " + Text.Ascii.FromInt(r.PayloadLength) + " bytes");
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
                    s += " " + FrameNames.EtherType(e.TagProtocol(t)) + " vlan=" + Text.Ascii.FromInt(e.TagVlanId(t)) + " pcp=" + Text.Ascii.FromInt(e.TagPriority(t));
                return s + " type=" + FrameNames.EtherType(e.EtherType);
            }
            case FrameLayer.LinuxSll:
            {
                var l = r.LinuxSll;
                return "Linux SLL pkttype=" + Text.Ascii.FromInt(l.PacketType) + " hatype=" + Text.Ascii.FromInt(l.HardwareType) + " addr=" + l.AddressText + " proto=" + FrameNames.EtherType(l.Protocol);
            }
            case FrameLayer.LinuxSll2:
            {
                var l = r.LinuxSll2;
                return "Linux SLL2 if=" + Text.Ascii.FromInt(l.InterfaceIndex) + " pkttype=" + Text.Ascii.FromInt(l.PacketType) + " hatype=" + Text.Ascii.FromInt(l.HardwareType) + " addr=" + l.AddressText + " proto=" + FrameNames.EtherType(l.Protocol);
            }
            case FrameLayer.Loopback:
                return "Loopback family=" + Text.Ascii.FromInt(r.Loopback.Family);
            case FrameLayer.Arp:
            {
                var a = r.Arp;
                return "ARP " + FrameNames.ArpOperation(a.Operation) + " sender=" + a.SenderHardwareText + "/" + a.SenderProtocolText + " target=" + a.TargetHardwareText + "/" + a.TargetProtocolText;
            }
            case FrameLayer.Ipv4:
            {
                var ip = r.Ipv4;
                string s = "IPv4 src=" + ip.SourceText + " dst=" + ip.DestinationText + " proto=" + FrameNames.IpProtocol(ip.Protocol)
                    + " ttl=" + Text.Ascii.FromInt(ip.Ttl) + " len=" + Text.Ascii.FromInt(ip.TotalLength) + " id=" + Text.Ascii.FromInt(ip.Identification);
                if (ip.DontFragment) s += " DF";
                if (ip.MoreFragments) s += " MF";
                if (ip.FragmentOffset != 0) s += " frag=" + Text.Ascii.FromInt(ip.FragmentOffset);
                if (ip.OptionsLength > 0) s += " options=" + Text.Ascii.FromInt(ip.OptionsLength);
                return s + " cksum=" + FrameNames.Checksum(r.NetworkChecksum);
            }
            case FrameLayer.Ipv6:
            {
                var ip = r.Ipv6;
                string s = "IPv6 src=" + ip.SourceText + " dst=" + ip.DestinationText + " next=" + FrameNames.IpProtocol(ip.UpperProtocol)
                    + " hop_limit=" + Text.Ascii.FromInt(ip.HopLimit) + " len=" + Text.Ascii.FromInt(ip.PayloadLength);
                for (int i = 0; i < ip.ExtensionCount; i++)
                    s += " +" + FrameNames.IpProtocol(ip.GetExtension(i).Type);
                if (ip.HasFragmentHeader)
                    s += " frag=" + Text.Ascii.FromInt(ip.FragmentOffset) + (ip.MoreFragments ? " MF" : "");
                return s;
            }
            case FrameLayer.Tcp:
            {
                var t = r.Tcp;
                string s = "TCP src=" + Text.Ascii.FromInt(t.SourcePort) + " dst=" + Text.Ascii.FromInt(t.DestinationPort)
                    + " " + TcpView.FlagsText(t.Flags) + " seq=" + Text.Ascii.FromInt(t.SequenceNumber);
                if (t.Ack) s += " ack=" + Text.Ascii.FromInt(t.AcknowledgmentNumber);
                s += " win=" + Text.Ascii.FromInt(t.Window) + " len=" + Text.Ascii.FromInt(t.PayloadLength);
                string opts = "";
                for (int at = t.OptionsStart; t.TryReadOption(at, out var o); at += o.Length)
                    opts += (opts.Length == 0 ? "" : ",") + t.OptionText(o);
                if (opts.Length > 0) s += " opts=" + opts;
                return s + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            case FrameLayer.Udp:
            {
                var u = r.Udp;
                return "UDP src=" + Text.Ascii.FromInt(u.SourcePort) + " dst=" + Text.Ascii.FromInt(u.DestinationPort)
                    + " len=" + Text.Ascii.FromInt(u.Length) + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            case FrameLayer.Icmp:
            {
                var c = r.Icmp;
                string s = "ICMP " + FrameNames.IcmpType(c.Type) + " code=" + Text.Ascii.FromInt(c.Code);
                if (c.IsEcho) s += " id=" + Text.Ascii.FromInt(c.Identifier) + " seq=" + Text.Ascii.FromInt(c.SequenceNumber);
                return s + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            case FrameLayer.Icmpv6:
            {
                var c = r.Icmpv6;
                string s = "ICMPv6 " + FrameNames.Icmpv6Type(c.Type) + " code=" + Text.Ascii.FromInt(c.Code);
                if (c.IsEcho) s += " id=" + Text.Ascii.FromInt(c.Identifier) + " seq=" + Text.Ascii.FromInt(c.SequenceNumber);
                return s + " cksum=" + FrameNames.Checksum(r.TransportChecksum);
            }
            default:
                return FrameNames.Layer(layer);
        }
    }
}
