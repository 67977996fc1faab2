using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class UdpViewTests
{
    const int At = 18 + 20; // Ethernet with one VLAN tag, IPv4

    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.VlanUdp;
        Assert.True(UdpView.TryCreate(b, At, b.Length - At, out var u, out _));
        Assert.Equal(53000, u.SourcePort);
        Assert.Equal(53, u.DestinationPort);
        Assert.Equal(37, u.Length);
        Assert.Equal(29, u.PayloadLength);
        Assert.Equal(At + 8, u.PayloadOffset);
    }

    [Fact]
    public void zero_checksum_means_none_over_ipv4_only()
    {
        var b = (byte[])SampleFrames.VlanUdp.Clone();
        b[At + 6] = b[At + 7] = 0;
        Assert.True(UdpView.TryCreate(b, At, b.Length - At, out var u, out _));
        Assert.Equal(ChecksumStatus.NotVerifiable, u.VerifyChecksum(0, overIpv6: false));
        Assert.Equal(ChecksumStatus.Invalid, u.VerifyChecksum(0, overIpv6: true));
    }

    [Fact]
    public void truncated()
    {
        var b = SampleFrames.VlanUdp;
        Assert.False(UdpView.TryCreate(b, At, 7, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Udp, error.Layer);
        Assert.False(UdpView.TryCreate(b, At, 20, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void impossible_len()
    {
        var b = (byte[])SampleFrames.VlanUdp.Clone();
        b[At + 4] = 0;
        b[At + 5] = 7;
        Assert.False(UdpView.TryCreate(b, At, b.Length - At, out _, out var error));
        Assert.Equal(FrameErrorKind.BadTotalLength, error.Kind);
        Assert.Equal(At + 4, error.Offset);
    }
}
