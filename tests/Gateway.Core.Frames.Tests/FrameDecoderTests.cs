using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class FrameDecoderTests
{
    static FrameLayers Decode(byte[] b, LinkType link)
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(b, 0, b.Length, link, r);
        return r;
    }

    static FrameLayer[] Layers(FrameLayers r)
    {
        var layers = new FrameLayer[r.LayerCount];
        for (int i = 0; i < layers.Length; i++) layers[i] = r.LayerAt(i);
        return layers;
    }

    [Fact]
    public void Loopback_syn_decodes_to_tcp_with_offloaded_checksum()
    {
        var r = Decode(SampleFrames.LoopbackSynOffloaded, LinkType.Ethernet);
        Assert.False(r.HasError);
        Assert.Equal(new[] { FrameLayer.Ethernet, FrameLayer.Ipv4, FrameLayer.Tcp }, Layers(r));
        Assert.Equal(ChecksumStatus.Valid, r.NetworkChecksum);
        Assert.Equal(ChecksumStatus.NotVerifiableOffloaded, r.TransportChecksum);
        Assert.Equal(65495, r.Tcp.MaxSegmentSize);
        Assert.Equal(0, r.PayloadLength);
    }

    [Fact]
    public void Tcp_payload_is_located()
    {
        var r = Decode(SampleFrames.EhloData, LinkType.Ethernet);
        Assert.Equal(ChecksumStatus.Valid, r.TransportChecksum);
        Assert.Equal(66, r.PayloadOffset);
        Assert.Equal(14, r.PayloadLength);
    }

    [Fact]
    public void Corrupt_tcp_checksum_is_flagged_without_stopping()
    {
        var r = Decode(SampleFrames.LoopbackSynCorrupt, LinkType.Ethernet);
        Assert.False(r.HasError);
        Assert.Equal(ChecksumStatus.Invalid, r.TransportChecksum);
    }

    [Theory]
    [InlineData(nameof(SampleFrames.VlanUdp), FrameLayer.Udp, ChecksumStatus.Valid)]
    [InlineData(nameof(SampleFrames.QinQIcmpEcho), FrameLayer.Icmp, ChecksumStatus.Valid)]
    [InlineData(nameof(SampleFrames.Ipv4OptionsUdp), FrameLayer.Udp, ChecksumStatus.Valid)]
    [InlineData(nameof(SampleFrames.Ipv6ExtensionsTcp), FrameLayer.Tcp, ChecksumStatus.Valid)]
    [InlineData(nameof(SampleFrames.SackEcnZeroWindow), FrameLayer.Tcp, ChecksumStatus.Valid)]
    public void Ethernet_frames_reach_their_transport(string name, FrameLayer transport, ChecksumStatus checksum)
    {
        var r = Decode(Sample(name), LinkType.Ethernet);
        Assert.False(r.HasError, r.Error.ToString());
        Assert.Equal(transport, r.LayerAt(r.LayerCount - 1));
        Assert.Equal(checksum, r.TransportChecksum);
    }

    [Fact]
    public void Arp_over_ethernet()
    {
        var r = Decode(SampleFrames.ArpRequest, LinkType.Ethernet);
        Assert.Equal(new[] { FrameLayer.Ethernet, FrameLayer.Arp }, Layers(r));
        Assert.Equal(18, r.PayloadLength); // Ethernet padding to 60 bytes
    }

    [Theory]
    [InlineData(nameof(SampleFrames.Ipv4FirstFragment), FrameLayer.Ipv4, 1480)]
    [InlineData(nameof(SampleFrames.Ipv4LastFragment), FrameLayer.Ipv4, 64)]
    [InlineData(nameof(SampleFrames.Ipv6FirstFragment), FrameLayer.Ipv6, 104)]
    [InlineData(nameof(SampleFrames.Ipv6LastFragment), FrameLayer.Ipv6, 104)]
    public void Fragments_stop_at_ip_with_their_data_as_payload(string name, FrameLayer ip, int data)
    {
        var r = Decode(Sample(name), LinkType.Ethernet);
        Assert.False(r.HasError);
        Assert.True(r.IsFragment);
        Assert.Equal(new[] { FrameLayer.Ethernet, ip }, Layers(r));
        Assert.Equal(data, r.PayloadLength);
        Assert.Equal(ChecksumStatus.None, r.TransportChecksum);
    }

    [Theory]
    [InlineData(nameof(SampleFrames.RawIpv4Fin), LinkType.Raw, FrameLayer.Ipv4, FrameLayer.Tcp)]
    [InlineData(nameof(SampleFrames.RawIpv4Fin), LinkType.Ipv4, FrameLayer.Ipv4, FrameLayer.Tcp)]
    [InlineData(nameof(SampleFrames.RawIpv6IcmpEcho), LinkType.Raw, FrameLayer.Ipv6, FrameLayer.Icmpv6)]
    [InlineData(nameof(SampleFrames.RawIpv6IcmpEcho), LinkType.Ipv6, FrameLayer.Ipv6, FrameLayer.Icmpv6)]
    public void Raw_ip_link_types(string name, LinkType link, FrameLayer network, FrameLayer transport)
    {
        var r = Decode(Sample(name), link);
        Assert.False(r.HasError);
        Assert.Equal(new[] { network, transport }, Layers(r));
        Assert.Equal(ChecksumStatus.Valid, r.TransportChecksum);
    }

    [Fact]
    public void Raw_ip_with_another_version_is_an_error()
    {
        var b = (byte[])SampleFrames.RawIpv4Fin.Clone();
        b[0] = 0x55;
        var r = Decode(b, LinkType.Raw);
        Assert.Equal(FrameErrorKind.BadVersion, r.Error.Kind);
        Assert.Equal(0, r.LayerCount);
        // The link type promises IPv6: the IPv6 view says what is wrong.
        r = Decode(SampleFrames.RawIpv4Fin, LinkType.Ipv6);
        Assert.Equal(FrameLayer.Ipv6, r.Error.Layer);
        Assert.Equal(FrameErrorKind.BadVersion, r.Error.Kind);
    }

    [Fact]
    public void Linux_cooked_v1()
    {
        var r = Decode(SampleFrames.SllTcp, LinkType.LinuxSll);
        Assert.Equal(new[] { FrameLayer.LinuxSll, FrameLayer.Ipv4, FrameLayer.Tcp }, Layers(r));
        Assert.Equal(4, r.LinuxSll.PacketType);
        Assert.Equal(772, r.LinuxSll.HardwareType);
        Assert.Equal(EtherType.Ipv4, r.LinuxSll.Protocol);
        Assert.Equal(ChecksumStatus.NotVerifiableOffloaded, r.TransportChecksum);
    }

    [Fact]
    public void Linux_cooked_v2()
    {
        var r = Decode(SampleFrames.Sll2Tcp, LinkType.LinuxSll2);
        Assert.Equal(new[] { FrameLayer.LinuxSll2, FrameLayer.Ipv4, FrameLayer.Tcp }, Layers(r));
        Assert.Equal(1u, r.LinuxSll2.InterfaceIndex);
        Assert.Equal(772, r.LinuxSll2.HardwareType);
        Assert.Equal(0, r.LinuxSll2.PacketType);
        Assert.Equal(6, r.LinuxSll2.AddressLength);
        Assert.Equal(ChecksumStatus.NotVerifiableOffloaded, r.TransportChecksum);
    }

    [Fact]
    public void Bsd_loopback_in_either_byte_order()
    {
        var r = Decode(SampleFrames.NullLittleEndianIpv4, LinkType.Null);
        Assert.Equal(new[] { FrameLayer.Loopback, FrameLayer.Ipv4, FrameLayer.Tcp }, Layers(r));
        Assert.Equal(2u, r.Loopback.Family);
        r = Decode(SampleFrames.NullBigEndianIpv6, LinkType.Null);
        Assert.Equal(new[] { FrameLayer.Loopback, FrameLayer.Ipv6, FrameLayer.Icmpv6 }, Layers(r));
        Assert.Equal(30u, r.Loopback.Family);
    }

    [Fact]
    public void Unknown_link_type_is_named()
    {
        var r = Decode(SampleFrames.EhloData, (LinkType)147);
        Assert.True(r.HasError);
        Assert.Equal(FrameLayer.Frame, r.Error.Layer);
        Assert.Equal(FrameErrorKind.UnknownLinkType, r.Error.Kind);
    }

    [Fact]
    public void Truncation_keeps_the_layers_decoded_so_far()
    {
        var b = SampleFrames.LoopbackSynValid;
        var r = new FrameLayers();
        Assert.False(FrameDecoder.Decode(b, 0, 50, LinkType.Ethernet, r));
        Assert.Equal(new[] { FrameLayer.Ethernet }, Layers(r));
        Assert.Equal(FrameLayer.Ipv4, r.Error.Layer);
        Assert.Equal(FrameErrorKind.Truncated, r.Error.Kind);
        Assert.Equal(50, r.Error.Offset);
        Assert.Equal("IPv4: truncated at offset 50", r.Error.ToString());
    }

    [Fact]
    public void Error_offsets_count_from_the_frame_not_the_array()
    {
        var b = new byte[100 + SampleFrames.LoopbackSynValid.Length];
        SampleFrames.LoopbackSynValid.CopyTo(b, 100);
        b[100 + 34 + FieldLayout.ByteOffset(TcpView.Field.DataOffset)] = 0x10;
        var r = new FrameLayers();
        Assert.False(FrameDecoder.Decode(b, 100, b.Length - 100, LinkType.Ethernet, r));
        Assert.Equal(FrameLayer.Tcp, r.Error.Layer);
        Assert.Equal(FrameErrorKind.BadHeaderLength, r.Error.Kind);
        Assert.Equal(34 + 12, r.Error.Offset);
        Assert.Equal(2, r.LayerCount);
    }

    [Fact]
    public void A_slice_outside_the_array_is_an_error_not_an_exception()
    {
        var r = new FrameLayers();
        Assert.False(FrameDecoder.Decode(SampleFrames.EhloData, 70, 20, LinkType.Ethernet, r));
        Assert.Equal(FrameErrorKind.OutOfRange, r.Error.Kind);
        Assert.False(FrameDecoder.Decode(null!, 0, 0, LinkType.Ethernet, r));
        Assert.Equal(FrameErrorKind.OutOfRange, r.Error.Kind);
    }

    [Fact]
    public void A_result_object_is_reused_cleanly()
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(SampleFrames.EhloData, 0, 20, LinkType.Ethernet, r);
        Assert.True(r.HasError);
        FrameDecoder.Decode(SampleFrames.ArpRequest, 0, SampleFrames.ArpRequest.Length, LinkType.Ethernet, r);
        Assert.False(r.HasError);
        Assert.Equal(2, r.LayerCount);
        Assert.Equal(ChecksumStatus.None, r.TransportChecksum);
        Assert.False(r.Has(FrameLayer.Ipv4));
    }

    [Fact]
    public void Decoding_headers_allocates_nothing()
    {
        var r = new FrameLayers();
        var b = SampleFrames.EhloData;
        FrameDecoder.Decode(b, 0, b.Length, LinkType.Ethernet, r); // static tables and JIT warm-up
        _ = r.TransportChecksum;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            FrameDecoder.Decode(b, 0, b.Length, LinkType.Ethernet, r);
            _ = r.NetworkChecksum;
            _ = r.TransportChecksum;
            _ = r.Tcp.TryGetTimestamps(out _, out _);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Checksums_are_computed_for_the_frame_decoded_last()
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(SampleFrames.LoopbackSynCorrupt, 0, SampleFrames.LoopbackSynCorrupt.Length, LinkType.Ethernet, r);
        Assert.Equal(ChecksumStatus.Invalid, r.TransportChecksum);
        FrameDecoder.Decode(SampleFrames.LoopbackSynValid, 0, SampleFrames.LoopbackSynValid.Length, LinkType.Ethernet, r);
        Assert.Equal(ChecksumStatus.Valid, r.TransportChecksum);
        FrameDecoder.Decode(SampleFrames.RawIpv6IcmpEcho, 0, SampleFrames.RawIpv6IcmpEcho.Length, LinkType.Raw, r);
        Assert.Equal(ChecksumStatus.None, r.NetworkChecksum);
        Assert.Equal(ChecksumStatus.Valid, r.TransportChecksum);
    }

    internal static byte[] Sample(string name) =>
        (byte[])typeof(SampleFrames).GetField(name)!.GetValue(null)!;

    [Fact]
    public void A_reused_result_does_not_show_the_previous_frames_tcp_header_for_a_udp_frame()
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(SampleFrames.EhloData, 0, SampleFrames.EhloData.Length, LinkType.Ethernet, r);
        Assert.True(r.Has(FrameLayer.Tcp));
        FrameDecoder.Decode(SampleFrames.VlanUdp, 0, SampleFrames.VlanUdp.Length, LinkType.Ethernet, r);
        Assert.False(r.Has(FrameLayer.Tcp));
        Assert.True(r.Has(FrameLayer.Udp));
        // An absent layer has no view: asking for one says which, instead of reading stale positions in the new frame.
        var e = Assert.Throws<InvalidOperationException>(() => r.Tcp);
        Assert.Contains("no TCP header", e.Message);
        Assert.Same(SampleFrames.VlanUdp, r.Udp.Buffer);
    }

    [Fact]
    public void A_reused_result_gives_no_stored_view_of_the_previous_frame()
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(SampleFrames.RawIpv6IcmpEcho, 0, SampleFrames.RawIpv6IcmpEcho.Length, LinkType.Raw, r);
        Assert.True(r.Icmpv6.IsEcho);
        FrameDecoder.Decode(SampleFrames.EhloData, 0, SampleFrames.EhloData.Length, LinkType.Ethernet, r);
        Assert.Contains("no IPv6 header", Assert.Throws<InvalidOperationException>(() => r.Ipv6).Message);
        Assert.Contains("no ICMPv6 header", Assert.Throws<InvalidOperationException>(() => r.Icmpv6).Message);
        Assert.Contains("no ARP header", Assert.Throws<InvalidOperationException>(() => r.Arp).Message);
    }

    [Fact]
    public void Header_views_read_from_the_result_see_the_frame_decoded()
    {
        var r = Decode(SampleFrames.EhloData, LinkType.Ethernet);
        Assert.Same(SampleFrames.EhloData, r.Ethernet.Buffer);
        Assert.Equal(0, r.Ethernet.Offset);
        Assert.Equal(14, r.Ipv4.Offset);
        Assert.Equal(14 + r.Ipv4.HeaderLength, r.Tcp.Offset);
        Assert.Equal(r.Ipv4.TotalLength - r.Ipv4.HeaderLength, r.Tcp.Length);
    }
}
