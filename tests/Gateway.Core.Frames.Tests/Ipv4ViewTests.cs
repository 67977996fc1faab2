using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class Ipv4ViewTests
{
    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.LoopbackSynOffloaded;
        Assert.True(Ipv4View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        Assert.Equal(4, ip.Version);
        Assert.Equal(20, ip.HeaderLength);
        Assert.Equal(0, ip.Dscp);
        Assert.Equal(0, ip.Ecn);
        Assert.Equal(60, ip.TotalLength);
        Assert.Equal(0x3a1c, ip.Identification);
        Assert.True(ip.DontFragment);
        Assert.False(ip.MoreFragments);
        Assert.False(ip.ReservedFlag);
        Assert.Equal(0, ip.FragmentOffset);
        Assert.Equal(64, ip.Ttl);
        Assert.Equal(IpProtocol.Tcp, ip.Protocol);
        Assert.Equal(0x029e, ip.Checksum);
        Assert.Equal(ChecksumStatus.Valid, ip.VerifyChecksum());
        Assert.Equal(0x7f000001u, ip.Source);
        Assert.Equal("127.0.0.1", ip.DestinationText);
        Assert.Equal(34, ip.PayloadOffset);
        Assert.Equal(40, ip.PayloadLength);
    }

    [Fact]
    public void options_are_listed()
    {
        var b = SampleFrames.Ipv4OptionsUdp;
        Assert.True(Ipv4View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        Assert.Equal(24, ip.HeaderLength);
        Assert.Equal(4, ip.OptionsLength);
        Assert.Equal(1, ip.OptionCount);
        Assert.True(ip.TryReadOption(ip.OptionsStart, out var o));
        Assert.Equal(148, o.Kind);
        Assert.Equal(4, o.Length);
        Assert.Equal(ChecksumStatus.Valid, ip.VerifyChecksum());
    }

    [Fact]
    public void fragments()
    {
        var first = SampleFrames.Ipv4FirstFragment;
        Assert.True(Ipv4View.TryCreate(first, 14, first.Length - 14, out var ip, out _));
        Assert.True(ip.MoreFragments);
        Assert.Equal(0, ip.FragmentOffset);
        Assert.True(ip.IsFragment);
        var last = SampleFrames.Ipv4LastFragment;
        Assert.True(Ipv4View.TryCreate(last, 14, last.Length - 14, out ip, out _));
        Assert.False(ip.MoreFragments);
        Assert.Equal(1480, ip.FragmentOffset);
        Assert.True(ip.IsFragment);
        Assert.Equal(0x77, ip.Identification);
    }

    [Fact]
    public void corrupt_header_checksum_is_invalid()
    {
        var b = (byte[])SampleFrames.EhloData.Clone();
        b[14 + FieldLayout.ByteOffset(Ipv4View.Field.Ttl)]--; // a router that forgot to update the checksum
        Assert.True(Ipv4View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        Assert.Equal(ChecksumStatus.Invalid, ip.VerifyChecksum());
    }

    [Fact]
    public void ethernet_padding_is_not_payload()
    {
        var b = new byte[SampleFrames.RawIpv4Fin.Length + 6];
        SampleFrames.RawIpv4Fin.CopyTo(b, 0);
        Assert.True(Ipv4View.TryCreate(b, 0, b.Length, out var ip, out _));
        Assert.Equal(20, ip.PayloadLength);
    }

    [Fact]
    public void truncated()
    {
        var b = SampleFrames.EhloData;
        Assert.False(Ipv4View.TryCreate(b, 14, 19, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Ipv4, error.Layer);
        Assert.Equal(33, error.Offset);
        // The header fits, the total length does not.
        Assert.False(Ipv4View.TryCreate(b, 14, 40, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void impossible_len()
    {
        var b = (byte[])SampleFrames.EhloData.Clone();
        b[14] = 0x44; // IHL 4: 16 bytes, less than the fixed header
        Assert.False(Ipv4View.TryCreate(b, 14, b.Length - 14, out _, out var error));
        Assert.Equal(FrameErrorKind.BadHeaderLength, error.Kind);
        Assert.Equal(14, error.Offset);
        b[14] = 0x45;
        b[14 + FieldLayout.ByteOffset(Ipv4View.Field.TotalLength)] = 0;
        b[14 + FieldLayout.ByteOffset(Ipv4View.Field.TotalLength) + 1] = 19; // total length below the header length
        Assert.False(Ipv4View.TryCreate(b, 14, b.Length - 14, out _, out error));
        Assert.Equal(FrameErrorKind.BadTotalLength, error.Kind);
        Assert.Equal(16, error.Offset);
        b[14] = 0x65;
        Assert.False(Ipv4View.TryCreate(b, 14, b.Length - 14, out _, out error));
        Assert.Equal(FrameErrorKind.BadVersion, error.Kind);
    }
}
