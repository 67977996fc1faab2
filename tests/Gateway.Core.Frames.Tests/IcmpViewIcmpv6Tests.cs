using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class IcmpViewIcmpv6Tests
{
    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.RawIpv6IcmpEcho;
        Assert.True(Ipv6View.TryCreate(b, 0, b.Length, out var ip, out _));
        Assert.True(IcmpView.TryCreateIcmpv6(b, 40, b.Length - 40, out var c, out _));
        Assert.Equal(128, c.Type);
        Assert.Equal(0, c.Code);
        Assert.True(c.IsEcho);
        Assert.True(c.IsIcmpv6);
        Assert.Equal(0x42, c.Identifier);
        Assert.Equal(7, c.SequenceNumber);
        Assert.Equal(ChecksumStatus.Valid, c.VerifyChecksum(ip.PseudoHeaderSum(IpProtocol.Icmpv6, c.Length)));
    }

    [Fact]
    public void truncated()
    {
        Assert.False(IcmpView.TryCreateIcmpv6(SampleFrames.RawIpv6IcmpEcho, 40, 3, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Icmpv6, error.Layer);
    }

    [Fact]
    public void impossible_len()
    {
        Assert.False(IcmpView.TryCreateIcmpv6(SampleFrames.RawIpv6IcmpEcho, 40, 100, out _, out var error));
        Assert.Equal(FrameErrorKind.OutOfRange, error.Kind);
    }
}
