using Gateway.Core.Frames;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.FrameDebugger;

/// <summary>The one-line view of a frame: who talks to whom, what the transport says, what it carries, what looks wrong.</summary>
/// <remarks>The line itself is built by <see cref="FrameLineWriter"/>, which the view of a whole capture reuses.</remarks>
public static class FrameSummary
{
    /// <param name="carried">What the connection's reassembly made of this frame (<see cref="MailDialogue.TakeFresh"/>), or null.</param>
    public static string Line(int number, DateTime time, FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried = null) =>
        new FrameLineWriter().Text(number, (time - DateTime.UnixEpoch).Ticks * 100, r, originalLength, carried);

    /// <summary>What a frame that is not TCP is ("UDP len=12", "ARP request ..."); "" for a frame of nothing known.</summary>
    public static string What(FrameLayers r)
    {
        if (r.Has(FrameLayer.Udp)) return "UDP len=" + r.Udp.PayloadLength;
        if (r.Has(FrameLayer.Icmp)) return "ICMP " + FrameNames.IcmpType(r.Icmp.Type) + " code=" + r.Icmp.Code;
        if (r.Has(FrameLayer.Icmpv6)) return "ICMPv6 " + FrameNames.Icmpv6Type(r.Icmpv6.Type) + " code=" + r.Icmpv6.Code;
        if (r.Has(FrameLayer.Arp)) return "ARP " + FrameNames.ArpOperation(r.Arp.Operation) + " " + r.Arp.TargetProtocolText + " from " + r.Arp.SenderProtocolText;
        if (r.Has(FrameLayer.Ipv4)) return "IPv4 proto=" + FrameNames.IpProtocol(r.Ipv4.Protocol) + " len=" + r.PayloadLength;
        if (r.Has(FrameLayer.Ipv6)) return "IPv6 next=" + FrameNames.IpProtocol(r.Ipv6.UpperProtocol) + " len=" + r.PayloadLength;
        if (r.Has(FrameLayer.Ethernet)) return "type=" + FrameNames.EtherType(r.Ethernet.EtherType) + " len=" + r.PayloadLength;
        return "";
    }

    /// <summary>"  SMTP C: EHLO boiler-1 (+2 more)": the first mail line or TLS record this frame completed.</summary>
    public static string Carries(IReadOnlyList<CarriedEntry>? carried) => new FrameLineWriter().CarriesText(carried);

    /// <summary>A line or TLS record of a mail connection (a TCP stream of another kind is not read as lines).</summary>
    public static bool IsSaid(CarriedEntry c) => c.Protocol != "TCP" && c.Entry.Kind != DialogueEntryKind.Anomaly;

    /// <summary>The lines and TLS records of mail connections among <paramref name="carried"/>.</summary>
    public static List<CarriedEntry> Said(IReadOnlyList<CarriedEntry>? carried) =>
        carried == null ? [] : carried.Where(IsSaid).ToList();

    /// <summary>What a person at the bench should look at: RST, zero window, fragments, bad checksums, a decoding error, a snapped frame.</summary>
    /// <param name="carried">Adds what only the stream shows: a retransmission, an overlap, a segment out of order.</param>
    public static List<string> Anomalies(FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried = null)
    {
        var notes = new List<string>();
        Anomalies(r, originalLength, carried, notes);
        return notes;
    }

    /// <summary>The same, into <paramref name="notes"/> (cleared first): the one-line view reuses one list.</summary>
    public static void Anomalies(FrameLayers r, int originalLength, IReadOnlyList<CarriedEntry>? carried, List<string> notes)
    {
        notes.Clear();
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
    }
}
