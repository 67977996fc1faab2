using System.Globalization;
using Gateway.Core.Frames;
using Gateway.Core.Frames.Tests;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// Differential check against Wireshark's dissectors: for every frame of the captures made here and of
/// the hand-built samples (one pcap per link type), every header field the decoder reports equals
/// what `tshark -T json` reports, and the checksum verdicts agree (tshark calls an offloaded checksum bad).
/// </summary>
public class TsharkCrossCheckTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("framedbg-tshark").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [TsharkFact]
    public void Captures_made_on_loopback() =>
        AssertSame(Path.Combine(AppContext.BaseDirectory, "Data", "loopback-smtp-like.pcap"),
                   Path.Combine(AppContext.BaseDirectory, "Data", "any-sll2-nanosecond.pcap"));

    [TsharkFact]
    public void Captures_of_rig_sessions() =>
        AssertSame(Path.Combine(AppContext.BaseDirectory, "Data", "rig-pop3-plain.pcap"),
                   Path.Combine(AppContext.BaseDirectory, "Data", "rig-smtp-starttls.pcap"),
                   Path.Combine(AppContext.BaseDirectory, "Data", "rig-smtp-dropped.pcap"));

    [TsharkFact]
    public void Hand_built_samples_of_every_link_type()
    {
        var files = new List<string>();
        foreach (var group in SampleFrames.All.GroupBy(s => s.Link))
        {
            var path = Path.Combine(_dir, group.Key + ".pcap");
            File.WriteAllBytes(path, CaptureWriter.Pcap(false, false, (int)group.Key,
                group.Select((s, i) => ((uint)i, 0u, s.Frame)).ToArray()));
            files.Add(path);
        }
        AssertSame(files.ToArray());
    }

    static void AssertSame(params string[] captures)
    {
        var mismatches = new List<string>();
        int compared = 0;
        foreach (var capture in captures)
        {
            var theirs = Tshark.Decode(capture);
            var reader = CaptureReader.Open(File.OpenRead(capture));
            var record = new CaptureRecord();
            var r = new FrameLayers();
            while (reader.TryRead(record))
            {
                FrameDecoder.Decode(record.Data, 0, record.Length, (LinkType)record.LinkType, r);
                var check = new Comparison(theirs[record.Number - 1], $"{Path.GetFileName(capture)} frame {record.Number}", mismatches);
                Compare(r, check);
                compared += check.Count;
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(compared > 100, $"only {compared} fields compared");
    }

    static void Compare(FrameLayers r, Comparison t)
    {
        Assert.False(r.HasError, r.Error.ToString());
        if (r.Has(FrameLayer.Ethernet))
        {
            var e = r.Ethernet;
            t.Text("eth.dst", e.DestinationText);
            t.Text("eth.src", e.SourceText);
            t.Number("eth.type", e.TagCount == 0 ? (long)e.EtherType : (long)e.TagProtocol(0));
            int customerTags = 0;
            for (int i = 0; i < e.TagCount; i++)
            {
                // tshark names an 802.1ad service tag "ieee8021ad" (no etype field) and an 802.1Q tag "vlan".
                bool service = e.TagProtocol(i) != EtherType.Vlan;
                string prefix = service ? "ieee8021ad." : "vlan.";
                int occurrence = service ? 0 : customerTags++;
                t.Number(prefix + "id", e.TagVlanId(i), occurrence);
                t.Number(prefix + "priority", e.TagPriority(i), occurrence);
                t.Number(prefix + "dei", e.TagDropEligible(i) ? 1 : 0, occurrence);
                if (!service)
                    t.Number("vlan.etype", i + 1 < e.TagCount ? (long)e.TagProtocol(i + 1) : (long)e.EtherType, occurrence);
            }
        }
        if (r.Has(FrameLayer.LinuxSll))
        {
            t.Number("sll.pkttype", r.LinuxSll.PacketType);
            t.Number("sll.hatype", r.LinuxSll.HardwareType);
            t.Number("sll.halen", r.LinuxSll.AddressLength);
            t.Number("sll.etype", (long)r.LinuxSll.Protocol);
        }
        if (r.Has(FrameLayer.LinuxSll2))
        {
            t.Number("sll.etype", (long)r.LinuxSll2.Protocol);
            t.Number("sll.ifindex", r.LinuxSll2.InterfaceIndex);
            t.Number("sll.hatype", r.LinuxSll2.HardwareType);
            t.Number("sll.pkttype", r.LinuxSll2.PacketType);
            t.Number("sll.halen", r.LinuxSll2.AddressLength);
        }
        if (r.Has(FrameLayer.Loopback))
            t.Number("null.family", r.Loopback.Family);
        if (r.Has(FrameLayer.Arp))
        {
            var a = r.Arp;
            t.Number("arp.hw.type", a.HardwareType);
            t.Number("arp.proto.type", (long)a.ProtocolType);
            t.Number("arp.hw.size", a.HardwareLength);
            t.Number("arp.proto.size", a.ProtocolLength);
            t.Number("arp.opcode", a.Operation);
            t.Text("arp.src.hw_mac", a.SenderHardwareText);
            t.Text("arp.src.proto_ipv4", a.SenderProtocolText);
            t.Text("arp.dst.hw_mac", a.TargetHardwareText);
            t.Text("arp.dst.proto_ipv4", a.TargetProtocolText);
        }
        if (r.Has(FrameLayer.Ipv4))
        {
            var ip = r.Ipv4;
            t.Number("ip.version", ip.Version);
            t.Number("ip.hdr_len", ip.HeaderLength);
            t.Number("ip.dsfield.dscp", ip.Dscp);
            t.Number("ip.dsfield.ecn", ip.Ecn);
            t.Number("ip.len", ip.TotalLength);
            t.Number("ip.id", ip.Identification);
            t.Number("ip.flags.rb", ip.ReservedFlag ? 1 : 0);
            t.Number("ip.flags.df", ip.DontFragment ? 1 : 0);
            t.Number("ip.flags.mf", ip.MoreFragments ? 1 : 0);
            t.Number("ip.frag_offset", ip.FragmentOffset / 8); // tshark counts 8-byte units
            t.Number("ip.ttl", ip.Ttl);
            t.Number("ip.proto", (long)ip.Protocol);
            t.Number("ip.checksum", ip.Checksum);
            t.Number("ip.checksum.status", r.NetworkChecksum == ChecksumStatus.Valid ? 1 : 0);
            t.Text("ip.src", ip.SourceText);
            t.Text("ip.dst", ip.DestinationText);
        }
        if (r.Has(FrameLayer.Ipv6))
        {
            var ip = r.Ipv6;
            t.Number("ipv6.version", ip.Version);
            t.Number("ipv6.tclass", ip.TrafficClass);
            t.Number("ipv6.flow", ip.FlowLabel);
            t.Number("ipv6.plen", ip.PayloadLength);
            t.Number("ipv6.nxt", (long)ip.NextHeader);
            t.Number("ipv6.hlim", ip.HopLimit);
            t.Text("ipv6.src", ip.SourceText);
            t.Text("ipv6.dst", ip.DestinationText);
            if (ip.HasFragmentHeader)
            {
                t.Number("ipv6.fraghdr.offset", ip.FragmentOffset / 8);
                t.Number("ipv6.fraghdr.more", ip.MoreFragments ? 1 : 0);
                t.Number("ipv6.fraghdr.ident", ip.FragmentIdentification);
            }
        }
        if (r.Has(FrameLayer.Tcp))
        {
            var tcp = r.Tcp;
            t.Number("tcp.srcport", tcp.SourcePort);
            t.Number("tcp.dstport", tcp.DestinationPort);
            t.Number("tcp.seq_raw", tcp.SequenceNumber);
            t.Number("tcp.ack_raw", tcp.AcknowledgmentNumber);
            t.Number("tcp.hdr_len", tcp.HeaderLength);
            t.Number("tcp.flags", (long)tcp.Flags | ((long)tcp.Reserved << 9));
            t.Number("tcp.window_size_value", tcp.Window);
            t.Number("tcp.checksum", tcp.Checksum);
            t.Number("tcp.checksum.status", r.TransportChecksum == ChecksumStatus.Valid ? 1 : 0);
            t.Number("tcp.urgent_pointer", tcp.UrgentPointer);
            t.Number("tcp.len", tcp.PayloadLength);
            int i = 0;
            for (int at = tcp.OptionsStart; tcp.TryReadOption(at, out var o); at += o.Length, i++)
                t.Number("tcp.option_kind", o.Kind, i);
            if (tcp.MaxSegmentSize >= 0) t.Number("tcp.options.mss_val", tcp.MaxSegmentSize);
            if (tcp.WindowScale >= 0) t.Number("tcp.options.wscale.shift", tcp.WindowScale);
            if (tcp.TryGetTimestamps(out uint value, out uint echo))
            {
                t.Number("tcp.options.timestamp.tsval", value);
                t.Number("tcp.options.timestamp.tsecr", echo);
            }
            for (int b = 0; b < tcp.SackBlockCount; b++)
            {
                tcp.TryGetSackBlock(b, out uint left, out uint right);
                t.Number("tcp.options.sack_le", left, b);
                t.Number("tcp.options.sack_re", right, b);
            }
        }
        if (r.Has(FrameLayer.Udp))
        {
            t.Number("udp.srcport", r.Udp.SourcePort);
            t.Number("udp.dstport", r.Udp.DestinationPort);
            t.Number("udp.length", r.Udp.Length);
            t.Number("udp.checksum", r.Udp.Checksum);
            t.Number("udp.checksum.status", r.TransportChecksum == ChecksumStatus.Valid ? 1 : 0);
        }
        if (r.Has(FrameLayer.Icmp))
        {
            t.Number("icmp.type", r.Icmp.Type);
            t.Number("icmp.code", r.Icmp.Code);
            t.Number("icmp.checksum", r.Icmp.Checksum);
            t.Number("icmp.checksum.status", r.TransportChecksum == ChecksumStatus.Valid ? 1 : 0);
            t.Number("icmp.ident", r.Icmp.Identifier);
            t.Number("icmp.seq", r.Icmp.SequenceNumber);
        }
        if (r.Has(FrameLayer.Icmpv6))
        {
            t.Number("icmpv6.type", r.Icmpv6.Type);
            t.Number("icmpv6.code", r.Icmpv6.Code);
            t.Number("icmpv6.checksum", r.Icmpv6.Checksum);
            t.Number("icmpv6.checksum.status", r.TransportChecksum == ChecksumStatus.Valid ? 1 : 0);
            t.Number("icmpv6.echo.identifier", r.Icmpv6.Identifier);
            t.Number("icmpv6.echo.sequence_number", r.Icmpv6.SequenceNumber);
        }
    }

    sealed class Comparison(List<(string Name, string Value)> fields, string where, List<string> mismatches)
    {
        public int Count { get; private set; }

        string? Get(string name, int occurrence)
        {
            foreach (var (n, v) in fields)
                if (n == name && occurrence-- == 0) return v;
            return null;
        }

        public void Number(string name, long ours, int occurrence = 0)
        {
            Count++;
            var theirs = Get(name, occurrence);
            if (theirs == null) { mismatches.Add($"{where}: tshark has no {name}[{occurrence}] (ours {ours})"); return; }
            long value = theirs.StartsWith("0x", StringComparison.Ordinal)
                ? long.Parse(theirs.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : long.Parse(theirs, CultureInfo.InvariantCulture);
            if (value != ours) mismatches.Add($"{where}: {name}[{occurrence}] tshark {theirs}, ours {ours}");
        }

        public void Text(string name, string ours)
        {
            Count++;
            var theirs = Get(name, 0);
            if (theirs != ours) mismatches.Add($"{where}: {name} tshark {theirs ?? "(none)"}, ours {ours}");
        }
    }
}
