using Gateway.Core.Frames;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.FrameDebugger;

/// <summary>The one-line view of a frame: who talks to whom, what the transport says, what it carries, what looks wrong.</summary>
public static class FrameSummary
{
    /// <summary>A carried line is cut to this many characters on the one-line view (--dialogue shows it whole).</summary>
    const int CarriedExcerpt = 72;

    /// <param name="carried">What the connection's reassembly made of this frame (<see cref="MailDialogue.TakeFresh"/>), or null.</param>
    public static string Line(int number, DateTime time, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried = null)
    {
        string from = "", to = "", what;
        if (r.Has(FrameLayer.Ipv4)) { from = r.Ipv4.SourceText; to = r.Ipv4.DestinationText; }
        else if (r.Has(FrameLayer.Ipv6)) { from = "[" + r.Ipv6.SourceText + "]"; to = "[" + r.Ipv6.DestinationText + "]"; }
        else if (r.Has(FrameLayer.Ethernet)) { from = r.Ethernet.SourceText; to = r.Ethernet.DestinationText; }

        var notes = Anomalies(r, originalLength, carried);
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
        return $"{number,5} {time:HH:mm:ss.ffffff}  {addresses}{what}{Carries(carried)}{tail}";
    }

    /// <summary>"  SMTP C: EHLO boiler-1 (+2 more)": the first mail line or TLS record this frame completed.</summary>
    public static string Carries(IReadOnlyList<CarriedEntry>? carried)
    {
        var said = Said(carried);
        if (said.Count == 0) return "";
        var first = said[0];
        string text = first.Entry.Kind == DialogueEntryKind.Tls ? "TLS " + first.Entry.Text : first.Entry.Text;
        if (text.Length > CarriedExcerpt) text = text[..CarriedExcerpt] + "...";
        return $"  {first.Protocol} {(first.Entry.FromClient ? "C" : "S")}: {text}" + (said.Count > 1 ? $" (+{said.Count - 1} more)" : "");
    }

    /// <summary>The lines and TLS records of mail connections among <paramref name="carried"/> (a TCP stream of another kind is not read as lines).</summary>
    public static List<CarriedEntry> Said(IReadOnlyList<CarriedEntry>? carried) =>
        carried == null ? [] : carried.Where(c => c.Protocol != "TCP" && c.Entry.Kind != DialogueEntryKind.Anomaly).ToList();

    /// <summary>What a person at the bench should look at: RST, zero window, fragments, bad checksums, a decoding error, a snapped frame.</summary>
    /// <param name="carried">Adds what only the stream shows: a retransmission, an overlap, a segment out of order.</param>
    public static List<string> Anomalies(FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried = null)
    {
        var notes = new List<string>();
        if (carried != null)
            foreach (var c in carried)
                switch (c.Entry.Anomaly)
                {
                    case DialogueAnomaly.Retransmission: notes.Add("retransmission"); break;
                    case DialogueAnomaly.Overlap: notes.Add("overlap"); break;
                    case DialogueAnomaly.OutOfOrder: notes.Add("out of order"); break;
                }
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
