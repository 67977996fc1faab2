using Gateway.Core.Frames;

namespace Gateway.FrameDebugger;

/// <summary>The one-line view of a frame: who talks to whom, what the transport says, what looks wrong.</summary>
public static class FrameSummary
{
    public static string Line(int number, DateTime time, FrameLayers r, int originalLength)
    {
        string from = "", to = "", what;
        if (r.Has(FrameLayer.Ipv4)) { from = r.Ipv4.SourceText; to = r.Ipv4.DestinationText; }
        else if (r.Has(FrameLayer.Ipv6)) { from = "[" + r.Ipv6.SourceText + "]"; to = "[" + r.Ipv6.DestinationText + "]"; }
        else if (r.Has(FrameLayer.Ethernet)) { from = r.Ethernet.SourceText; to = r.Ethernet.DestinationText; }

        var notes = Anomalies(r, originalLength);
        if (r.Has(FrameLayer.Tcp))
        {
            var t = r.Tcp;
            from += ":" + t.SourcePort;
            to += ":" + t.DestinationPort;
            what = $"TCP {TcpView.FlagsText(t.Flags)} seq={t.SequenceNumber}" + (t.Ack ? $" ack={t.AcknowledgmentNumber}" : "") + $" win={t.Window} len={t.PayloadLength}";
        }
        else if (r.Has(FrameLayer.Udp))
        {
            from += ":" + r.Udp.SourcePort;
            to += ":" + r.Udp.DestinationPort;
            what = $"UDP len={r.Udp.PayloadLength}";
        }
        else if (r.Has(FrameLayer.Icmp)) what = "ICMP " + FrameNames.IcmpType(r.Icmp.Type) + " code=" + r.Icmp.Code;
        else if (r.Has(FrameLayer.Icmpv6)) what = "ICMPv6 " + FrameNames.Icmpv6Type(r.Icmpv6.Type) + " code=" + r.Icmpv6.Code;
        else if (r.Has(FrameLayer.Arp)) what = "ARP " + FrameNames.ArpOperation(r.Arp.Operation) + " " + r.Arp.TargetProtocolText + " from " + r.Arp.SenderProtocolText;
        else if (r.Has(FrameLayer.Ipv4)) what = "IPv4 proto=" + FrameNames.IpProtocol(r.Ipv4.Protocol) + " len=" + r.PayloadLength;
        else if (r.Has(FrameLayer.Ipv6)) what = "IPv6 next=" + FrameNames.IpProtocol(r.Ipv6.UpperProtocol) + " len=" + r.PayloadLength;
        else if (r.Has(FrameLayer.Ethernet)) what = "type=" + FrameNames.EtherType(r.Ethernet.EtherType) + " len=" + r.PayloadLength;
        else what = "";


        string addresses = from.Length == 0 ? "" : from + " > " + to + "  ";
        string tail = notes.Count == 0 ? "" : "  [" + string.Join("; ", notes) + "]";
        return $"{number,5} {time:HH:mm:ss.ffffff}  {addresses}{what}{tail}";
    }

    /// <summary>What a person at the bench should look at: RST, zero window, fragments, bad checksums, a decoding error, a snapped frame.</summary>
    public static List<string> Anomalies(FrameLayers r, int originalLength)
    {
        var notes = new List<string>();
        if (r.Has(FrameLayer.Tcp))
        {
            var t = r.Tcp;
            if (t.Rst) notes.Add("RST");
            if (t.Window == 0 && !t.Rst && !t.Syn) notes.Add("zero window");
        }
        if (r.IsFragment) notes.Add("fragment");
        if (r.NetworkChecksum == ChecksumStatus.Invalid) notes.Add("bad IPv4 checksum");
        if (r.TransportChecksum == ChecksumStatus.Invalid) notes.Add("bad " + FrameNames.Layer(r.LayerAt(r.LayerCount - 1)) + " checksum");
        if (r.HasError) notes.Add(r.Error.ToString());
        if (originalLength > r.FrameLength) notes.Add($"snapped: {r.FrameLength} of {originalLength} bytes");
        return notes;
    }
}
