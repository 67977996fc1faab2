using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class FieldTableTests
{
    static DecodedField Field(FrameLayers r, FrameLayer layer, string name)
    {
        for (int l = 0; l < r.LayerCount; l++)
        {
            if (r.LayerAt(l) != layer) continue;
            for (int f = 0; f < r.FieldCount(l); f++)
                if (r.GetField(l, f).Info.Name == name) return r.GetField(l, f);
        }
        throw new Xunit.Sdk.XunitException(name + " not found in " + layer);
    }

    static FrameLayers Decode(byte[] b, LinkType link = LinkType.Ethernet)
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(b, 0, b.Length, link, r);
        return r;
    }

    [Fact]
    public void Ttl_explains_itself()
    {
        var f = Field(Decode(SampleFrames.EhloData), FrameLayer.Ipv4, "TTL");
        Assert.Equal(64, f.Info.BitOffset);
        Assert.Equal(8, f.Info.BitLength);
        Assert.Equal(14 + 8, f.ByteOffset);
        Assert.Equal(1, f.ByteLength);
        Assert.Equal("40", f.RawHex);
        Assert.Equal("64", f.Value);
        Assert.Contains("router", f.Info.Meaning);
    }

    [Fact]
    public void Sub_byte_fields_show_their_bytes_and_bits()
    {
        var r = Decode(SampleFrames.LoopbackSynOffloaded);
        var flags = Field(r, FrameLayer.Ipv4, "Flags");
        Assert.Equal("DF", flags.Value);
        Assert.Equal(2ul, flags.Bits);
        Assert.Equal("40", flags.RawHex);
        var offset = Field(r, FrameLayer.Tcp, "Data offset");
        Assert.Equal("40 bytes", offset.Value);
        Assert.Equal(10ul, offset.Bits);
        var tcpFlags = Field(r, FrameLayer.Tcp, "Flags");
        Assert.Equal("SYN", tcpFlags.Value);
        Assert.Equal(2, tcpFlags.ByteLength); // NS lives in byte 12
    }

    [Fact]
    public void Options_are_fields_with_their_meaning()
    {
        var r = Decode(SampleFrames.LoopbackSynOffloaded);
        var mss = Field(r, FrameLayer.Tcp, "Option MSS");
        Assert.Equal("MSS=65495", mss.Value);
        Assert.Equal(34 + 20, mss.ByteOffset);
        Assert.Equal("0204ffd7", mss.RawHex);
        Assert.Equal("WS=7", Field(r, FrameLayer.Tcp, "Option WS").Value);
        Assert.Equal("TS=2710101/0", Field(r, FrameLayer.Tcp, "Option TS").Value);
        Assert.Contains("selective", Field(r, FrameLayer.Tcp, "Option SACK_PERM").Info.Meaning);
    }

    [Fact]
    public void Vlan_tags_repeat_their_fields_at_their_own_offsets()
    {
        var r = Decode(SampleFrames.QinQIcmpEcho);
        Assert.Equal(3 + 2 * 4, r.FieldCount(0));
        var inner = r.GetField(0, 2 + 4 + 3);
        Assert.Equal("VLAN ID", inner.Info.Name);
        Assert.Equal("100", inner.Value);
        Assert.Equal(18, inner.ByteOffset);
        var type = r.GetField(0, r.FieldCount(0) - 1);
        Assert.Equal("EtherType", type.Info.Name);
        Assert.Equal(20, type.ByteOffset);
        Assert.Equal("IPv4", type.Value);
    }

    [Fact]
    public void Ipv6_extension_headers_are_fields()
    {
        var r = Decode(SampleFrames.Ipv6FirstFragment);
        var f = Field(r, FrameLayer.Ipv6, "Fragment header");
        Assert.Equal(14 + 40, f.ByteOffset);
        Assert.Equal(8, f.ByteLength);
        Assert.Contains("MF", f.Value);
        Assert.Equal("2001:db8::1", Field(r, FrameLayer.Ipv6, "Source").Value);
    }

    [Fact]
    public void Every_field_of_every_sample_has_text_and_lies_inside_its_frame()
    {
        foreach (var (name, frame, link) in SampleFrames.All)
        {
            var r = Decode(frame, link);
            for (int l = 0; l < r.LayerCount; l++)
            {
                Assert.True(r.FieldCount(l) > 0, name);
                for (int i = 0; i < r.FieldCount(l); i++)
                {
                    var f = r.GetField(l, i);
                    Assert.False(string.IsNullOrEmpty(f.Info.Name), name);
                    Assert.False(string.IsNullOrEmpty(f.Info.Meaning), name + " " + f.Info.Name);
                    Assert.NotNull(f.Value);
                    Assert.InRange(f.ByteOffset, 0, frame.Length - 1);
                    Assert.InRange(f.ByteOffset + f.ByteLength, 1, frame.Length);
                }
            }
        }
    }

    /// <summary>What each view's accessor says a field is, by the name its table gives the field (null: no plain accessor).</summary>
    static long? Accessor(FrameLayers r, FrameLayer layer, string name) => layer switch
    {
        FrameLayer.Ipv4 => name switch
        {
            "Version" => r.Ipv4.Version, "IHL" => r.Ipv4.HeaderLength / 4, "DSCP" => r.Ipv4.Dscp, "ECN" => r.Ipv4.Ecn,
            "Total length" => r.Ipv4.TotalLength, "Identification" => r.Ipv4.Identification,
            "Flags" => (r.Ipv4.ReservedFlag ? 4 : 0) | (r.Ipv4.DontFragment ? 2 : 0) | (r.Ipv4.MoreFragments ? 1 : 0),
            "Fragment offset" => r.Ipv4.FragmentOffset / 8, "TTL" => r.Ipv4.Ttl, "Protocol" => (long)r.Ipv4.Protocol,
            "Header checksum" => r.Ipv4.Checksum, "Source" => r.Ipv4.Source, "Destination" => r.Ipv4.Destination, _ => null,
        },
        FrameLayer.Ipv6 => name switch
        {
            "Version" => r.Ipv6.Version, "Traffic class" => r.Ipv6.TrafficClass, "Flow label" => r.Ipv6.FlowLabel,
            "Payload length" => r.Ipv6.PayloadLength, "Next header" => (long)r.Ipv6.NextHeader, "Hop limit" => r.Ipv6.HopLimit, _ => null,
        },
        FrameLayer.Tcp => name switch
        {
            "Source port" => r.Tcp.SourcePort, "Destination port" => r.Tcp.DestinationPort,
            "Sequence number" => r.Tcp.SequenceNumber, "Acknowledgment number" => r.Tcp.AcknowledgmentNumber,
            "Data offset" => r.Tcp.HeaderLength / 4, "Reserved" => r.Tcp.Reserved, "Flags" => (long)r.Tcp.Flags,
            "Window" => r.Tcp.Window, "Checksum" => r.Tcp.Checksum, "Urgent pointer" => r.Tcp.UrgentPointer, _ => null,
        },
        FrameLayer.Udp => name switch
        {
            "Source port" => r.Udp.SourcePort, "Destination port" => r.Udp.DestinationPort, "Length" => r.Udp.Length,
            "Checksum" => r.Udp.Checksum, _ => null,
        },
        FrameLayer.Icmp or FrameLayer.Icmpv6 => name switch
        {
            "Type" => Icmp(r, layer).Type, "Code" => Icmp(r, layer).Code, "Checksum" => Icmp(r, layer).Checksum,
            "Rest of header" or "Message body" => Icmp(r, layer).RestOfHeader, _ => null,
        },
        FrameLayer.Arp => name switch
        {
            "Hardware type" => r.Arp.HardwareType, "Protocol type" => (long)r.Arp.ProtocolType,
            "Hardware length" => r.Arp.HardwareLength, "Protocol length" => r.Arp.ProtocolLength, "Operation" => r.Arp.Operation, _ => null,
        },
        FrameLayer.LinuxSll => name switch
        {
            "Packet type" => r.LinuxSll.PacketType, "ARPHRD type" => r.LinuxSll.HardwareType,
            "Address length" => r.LinuxSll.AddressLength, "Protocol" => (long)r.LinuxSll.Protocol, _ => null,
        },
        FrameLayer.LinuxSll2 => name switch
        {
            "Protocol" => (long)r.LinuxSll2.Protocol, "Interface index" => r.LinuxSll2.InterfaceIndex,
            "ARPHRD type" => r.LinuxSll2.HardwareType, "Packet type" => r.LinuxSll2.PacketType,
            "Address length" => r.LinuxSll2.AddressLength, _ => null,
        },
        FrameLayer.Ethernet => name == "EtherType" ? (long)r.Ethernet.EtherType : null,
        _ => null,
    };

    static IcmpView Icmp(FrameLayers r, FrameLayer layer) => layer == FrameLayer.Icmp ? r.Icmp : r.Icmpv6;

    [Fact]
    public void Every_accessor_reads_the_bits_its_table_row_explains()
    {
        int compared = 0;
        foreach (var (name, frame, link) in SampleFrames.All)
        {
            var r = Decode(frame, link);
            for (int l = 0; l < r.LayerCount; l++)
            {
                for (int i = 0; i < r.FieldCount(l); i++)
                {
                    var f = r.GetField(l, i);
                    long? expected = Accessor(r, r.LayerAt(l), f.Info.Name);
                    if (expected == null) continue;
                    Assert.True((ulong)expected == f.Bits, name + " " + r.LayerAt(l) + " " + f.Info.Name + ": accessor " + expected + ", table bits " + f.Bits);
                    compared++;
                }
            }
        }
        // Every sample's headers were compared, not a few: the samples hold about twenty headers of nine kinds.
        Assert.True(compared > 150, "only " + compared + " fields compared");
    }

    [Fact]
    public void Vlan_tag_accessors_read_the_bits_their_rows_explain()
    {
        var r = Decode(SampleFrames.QinQIcmpEcho);
        for (int tag = 0; tag < r.Ethernet.TagCount; tag++)
        {
            Assert.Equal((ulong)r.Ethernet.TagProtocol(tag), r.GetField(0, 2 + 4 * tag).Bits);
            Assert.Equal((ulong)r.Ethernet.TagPriority(tag), r.GetField(0, 2 + 4 * tag + 1).Bits);
            Assert.Equal(r.Ethernet.TagDropEligible(tag) ? 1ul : 0ul, r.GetField(0, 2 + 4 * tag + 2).Bits);
            Assert.Equal((ulong)r.Ethernet.TagVlanId(tag), r.GetField(0, 2 + 4 * tag + 3).Bits);
        }
    }
}
