using Gateway.Core.Frames;
using PacketDotNet;

namespace Gateway.Core.Frames.Tests;

/// <summary>
/// The differential against PacketDotNet 1.4.8: every header field the decoder reports equals what
/// PacketDotNet decodes from the same bytes. Used for the hand-built samples here and for every frame
/// of the captured sessions in Gateway.FrameDebugger.Tests (linked there).
/// </summary>
public static class PacketDotNetComparison
{
    static LinkLayers PdnLink(LinkType link) => link switch
    {
        LinkType.Ethernet => LinkLayers.Ethernet,
        LinkType.Raw => LinkLayers.Raw,
        LinkType.LinuxSll => LinkLayers.LinuxSll,
        LinkType.LinuxSll2 => LinkLayers.LinuxSll2,
        LinkType.Null => LinkLayers.Null,
        _ => throw new ArgumentOutOfRangeException(nameof(link)),
    };

    /// <summary>Every header field the decoder reports for <paramref name="b"/> equals PacketDotNet's (also used for captured frames).</summary>
    public static void AssertAgrees(byte[] b, LinkType link)
    {
        var r = new FrameLayers();
        Assert.True(FrameDecoder.Decode(b, 0, b.Length, link, r), r.Error.ToString());
        var p = Packet.ParsePacket(PdnLink(link), b);
        int checkedLayers = 0;
        // PacketDotNet 1.4.8 reads the BSD loopback family as little-endian only; a big-endian capture's
        // family comes out as 0 and nothing after it is decoded. The rest is then checked as raw IP.
        bool bigEndianLoopback = r.Has(FrameLayer.Loopback) && b[0] == 0 && b[1] == 0;
        if (bigEndianLoopback) p = Packet.ParsePacket(LinkLayers.Raw, Slice(b, 4, b.Length - 4));
        // PacketDotNet 1.4.8 re-reads the first IPv6 extension header for every header of a chain (all of
        // them report the first one's offset and next header), so it lands its transport header inside
        // the addresses. With a chain, only the first extension header is compared, and the transport
        // header is handed to PacketDotNet at the offset found here (its checksum needs the IP parent).
        bool chainedExtensions = r.Has(FrameLayer.Ipv6) && r.Ipv6.ExtensionCount > 1;

        if (r.Has(FrameLayer.Ethernet))
        {
            var e = p.Extract<EthernetPacket>();
            Assert.Equal(Slice(b, 0, 6), e.DestinationHardwareAddress.GetAddressBytes());
            Assert.Equal(Slice(b, 6, 6), e.SourceHardwareAddress.GetAddressBytes());
            if (r.Ethernet.TagCount == 0)
                Assert.Equal((int)r.Ethernet.EtherType, (int)e.Type);
            else
            {
                Assert.Equal((int)r.Ethernet.TagProtocol(0), (int)e.Type);
                var q = p.Extract<Ieee8021QPacket>();
                int last = r.Ethernet.TagCount - 1;
                // PacketDotNet decodes one tag; with QinQ its "tag" is the outer one and its type the inner TPID.
                Assert.Equal(r.Ethernet.TagVlanId(0), q.VlanIdentifier);
                Assert.Equal(r.Ethernet.TagPriority(0), (int)q.PriorityControlPoint);
                Assert.Equal(r.Ethernet.TagDropEligible(0), q.CanonicalFormatIndicator);
                Assert.Equal(last == 0 ? (int)r.Ethernet.EtherType : (int)r.Ethernet.TagProtocol(1), (int)q.Type);
            }
            checkedLayers++;
        }
        if (r.Has(FrameLayer.LinuxSll))
        {
            var s = p.Extract<LinuxSllPacket>();
            Assert.Equal(r.LinuxSll.PacketType, (int)s.Type);
            Assert.Equal(r.LinuxSll.HardwareType, s.LinkLayerAddressType);
            Assert.Equal(r.LinuxSll.AddressLength, s.LinkLayerAddressLength);
            Assert.Equal((int)r.LinuxSll.Protocol, (int)s.EthernetProtocolType);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.LinuxSll2))
        {
            var s = p.Extract<LinuxSll2Packet>();
            Assert.Equal(r.LinuxSll2.PacketType, (int)s.Type);
            Assert.Equal(r.LinuxSll2.HardwareType, s.LinkLayerAddressType);
            Assert.Equal(r.LinuxSll2.AddressLength, s.LinkLayerAddressLength);
            Assert.Equal((int)r.LinuxSll2.InterfaceIndex, s.InterfaceIndex);
            Assert.Equal((int)r.LinuxSll2.Protocol, (int)s.EthernetProtocolType);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Loopback))
        {
            if (bigEndianLoopback)
                Assert.Equal(r.Loopback.Family, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b));
            else
                Assert.Equal(r.Loopback.Family, (uint)p.Extract<NullPacket>().Protocol);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Arp))
        {
            var a = p.Extract<ArpPacket>();
            Assert.Equal(r.Arp.HardwareType, (int)a.HardwareAddressType);
            Assert.Equal((int)r.Arp.ProtocolType, (int)a.ProtocolAddressType);
            Assert.Equal(r.Arp.HardwareLength, a.HardwareAddressLength);
            Assert.Equal(r.Arp.ProtocolLength, a.ProtocolAddressLength);
            Assert.Equal(r.Arp.Operation, (int)a.Operation);
            Assert.Equal(Slice(b, r.Arp.SenderHardwareAt, 6), a.SenderHardwareAddress.GetAddressBytes());
            Assert.Equal(r.Arp.SenderProtocolText, a.SenderProtocolAddress.ToString());
            Assert.Equal(Slice(b, r.Arp.TargetHardwareAt, 6), a.TargetHardwareAddress.GetAddressBytes());
            Assert.Equal(r.Arp.TargetProtocolText, a.TargetProtocolAddress.ToString());
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Ipv4))
        {
            var ip = p.Extract<IPv4Packet>();
            var v = r.Ipv4;
            Assert.Equal(IPVersion.IPv4, ip.Version);
            Assert.Equal(v.HeaderLength / 4, ip.HeaderLength);
            Assert.Equal((v.Dscp << 2) | v.Ecn, ip.DifferentiatedServices);
            Assert.Equal(v.TotalLength, ip.TotalLength);
            Assert.Equal(v.Identification, ip.Id);
            Assert.Equal((v.ReservedFlag ? 4 : 0) | (v.DontFragment ? 2 : 0) | (v.MoreFragments ? 1 : 0), ip.FragmentFlags);
            Assert.Equal(v.FragmentOffset / 8, ip.FragmentOffset);
            Assert.Equal(v.Ttl, ip.TimeToLive);
            Assert.Equal((int)v.Protocol, (int)ip.Protocol);
            Assert.Equal(v.Checksum, ip.Checksum);
            Assert.Equal(r.NetworkChecksum == ChecksumStatus.Valid, ip.ValidIPChecksum);
            Assert.Equal(v.SourceText, ip.SourceAddress.ToString());
            Assert.Equal(v.DestinationText, ip.DestinationAddress.ToString());
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Ipv6))
        {
            var ip = p.Extract<IPv6Packet>();
            var v = r.Ipv6;
            Assert.Equal(IPVersion.IPv6, ip.Version);
            Assert.Equal(v.TrafficClass, ip.TrafficClass);
            Assert.Equal(v.FlowLabel, ip.FlowLabel);
            Assert.Equal(v.PayloadLength, ip.PayloadLength);
            Assert.Equal((int)v.NextHeader, (int)ip.NextHeader);
            Assert.Equal(v.HopLimit, ip.HopLimit);
            Assert.Equal(v.SourceText, ip.SourceAddress.ToString());
            Assert.Equal(v.DestinationText, ip.DestinationAddress.ToString());
            Assert.Equal(v.ExtensionCount, ip.ExtensionHeaders.Count);
            for (int i = 0; i < (chainedExtensions ? 1 : v.ExtensionCount); i++)
            {
                Assert.Equal((int)v.GetExtension(i).Type, (int)ip.ExtensionHeaders[i].Header);
                Assert.Equal(v.GetExtension(i).Length, ip.ExtensionHeaders[i].Length);
                Assert.Equal((int)v.GetExtension(i).NextHeader, (int)ip.ExtensionHeaders[i].NextHeader);
            }
            if (!chainedExtensions)
                Assert.Equal((int)v.UpperProtocol, (int)ip.Protocol);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Tcp))
        {
            var v = r.Tcp;
            var t = chainedExtensions
                ? new TcpPacket(new PacketDotNet.Utils.ByteArraySegment(b, v.Offset, v.Length))
                : p.Extract<TcpPacket>();
            Assert.Equal(v.SourcePort, t.SourcePort);
            Assert.Equal(v.DestinationPort, t.DestinationPort);
            Assert.Equal(v.SequenceNumber, t.SequenceNumber);
            Assert.Equal(v.AcknowledgmentNumber, t.AcknowledgmentNumber);
            Assert.Equal(v.HeaderLength / 4, t.DataOffset);
            Assert.Equal((int)v.Flags, t.Flags & 0x1FF);
            Assert.Equal(v.Fin, t.Finished);
            Assert.Equal(v.Syn, t.Synchronize);
            Assert.Equal(v.Rst, t.Reset);
            Assert.Equal(v.Psh, t.Push);
            Assert.Equal(v.Ack, t.Acknowledgment);
            Assert.Equal(v.Urg, t.Urgent);
            Assert.Equal(v.Ece, t.ExplicitCongestionNotificationEcho);
            Assert.Equal(v.Cwr, t.CongestionWindowReduced);
            Assert.Equal(v.Ns, t.NonceSum);
            Assert.Equal(v.Window, t.WindowSize);
            Assert.Equal(v.Checksum, t.Checksum);
            Assert.Equal(v.UrgentPointer, t.UrgentPointer);
            if (!chainedExtensions)
                Assert.Equal(r.TransportChecksum == ChecksumStatus.Valid, t.ValidTcpChecksum);
            Assert.Equal(Slice(b, v.OptionsStart, v.OptionsEnd - v.OptionsStart), t.Options);
            var kinds = new List<int>();
            var lengths = new List<int>();
            for (int at = v.OptionsStart; v.TryReadOption(at, out var o); at += o.Length)
            {
                kinds.Add(o.Kind);
                lengths.Add(o.Length);
            }
            var pdnOptions = t.OptionsCollection ?? new List<PacketDotNet.Tcp.TcpOption>();
            Assert.Equal(kinds, pdnOptions.Select(o => (int)o.Kind));
            Assert.Equal(lengths, pdnOptions.Select(o => (int)o.Length));
            Assert.Equal(v.PayloadLength, t.PayloadData?.Length ?? 0);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Udp))
        {
            var u = p.Extract<UdpPacket>();
            Assert.Equal(r.Udp.SourcePort, u.SourcePort);
            Assert.Equal(r.Udp.DestinationPort, u.DestinationPort);
            Assert.Equal(r.Udp.Length, u.Length);
            Assert.Equal(r.Udp.Checksum, u.Checksum);
            Assert.Equal(r.TransportChecksum == ChecksumStatus.Valid, u.ValidUdpChecksum);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Icmp))
        {
            var c = p.Extract<IcmpV4Packet>();
            Assert.Equal((r.Icmp.Type << 8) | r.Icmp.Code, (int)c.TypeCode);
            Assert.Equal(r.Icmp.Checksum, c.Checksum);
            Assert.Equal(r.Icmp.Identifier, c.Id);
            Assert.Equal(r.Icmp.SequenceNumber, c.Sequence);
            Assert.Equal(r.TransportChecksum == ChecksumStatus.Valid, c.ValidIcmpChecksum);
            checkedLayers++;
        }
        if (r.Has(FrameLayer.Icmpv6))
        {
            var c = p.Extract<IcmpV6Packet>();
            Assert.Equal(r.Icmpv6.Type, (int)c.Type);
            Assert.Equal(r.Icmpv6.Code, c.Code);
            Assert.Equal(r.Icmpv6.Checksum, c.Checksum);
            checkedLayers++;
        }
        Assert.Equal(r.LayerCount, checkedLayers);
    }

    static byte[] Slice(byte[] b, int at, int n) => b.AsSpan(at, n).ToArray();
}
