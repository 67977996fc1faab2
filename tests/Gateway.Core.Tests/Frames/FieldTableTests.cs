using Gateway.Core.Frames;

namespace Gateway.Core.Tests.Frames;

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
}
