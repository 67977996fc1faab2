using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class IcmpViewTests
{
    const int At = 22 + 20; // Ethernet with two tags, IPv4

    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.QinQIcmpEcho;
        Assert.True(IcmpView.TryCreate(b, At, b.Length - At, out var c, out _));
        Assert.Equal(8, c.Type);
        Assert.Equal(0, c.Code);
        Assert.True(c.IsEcho);
        Assert.Equal(0x1234, c.Identifier);
        Assert.Equal(1, c.SequenceNumber);
        Assert.Equal(16, c.PayloadLength);
        Assert.Equal(ChecksumStatus.Valid, c.VerifyChecksum());
        b = (byte[])b.Clone();
        b[b.Length - 1] ^= 1;
        Assert.True(IcmpView.TryCreate(b, At, b.Length - At, out c, out _));
        Assert.Equal(ChecksumStatus.Invalid, c.VerifyChecksum());
    }

    [Fact]
    public void truncated()
    {
        Assert.False(IcmpView.TryCreate(SampleFrames.QinQIcmpEcho, At, 7, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Icmp, error.Layer);
    }

    [Fact]
    public void impossible_len()
    {
        Assert.False(IcmpView.TryCreate(SampleFrames.QinQIcmpEcho, At, 1000, out _, out var error));
        Assert.Equal(FrameErrorKind.OutOfRange, error.Kind);
    }
}
