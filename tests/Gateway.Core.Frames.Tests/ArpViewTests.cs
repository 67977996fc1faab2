using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class ArpViewTests
{
    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.ArpRequest;
        Assert.True(ArpView.TryCreate(b, 14, b.Length - 14, out var a, out _));
        Assert.Equal(1, a.HardwareType);
        Assert.Equal(EtherType.Ipv4, a.ProtocolType);
        Assert.Equal(6, a.HardwareLength);
        Assert.Equal(4, a.ProtocolLength);
        Assert.Equal(1, a.Operation);
        Assert.Equal("02:42:ac:11:00:02", a.SenderHardwareText);
        Assert.Equal("192.168.1.20", a.SenderProtocolText);
        Assert.Equal("00:00:00:00:00:00", a.TargetHardwareText);
        Assert.Equal("192.168.1.1", a.TargetProtocolText);
        Assert.Equal(28, a.Length); // the Ethernet padding after it is not ARP
    }

    [Fact]
    public void truncated()
    {
        var b = SampleFrames.ArpRequest;
        Assert.False(ArpView.TryCreate(b, 14, 7, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.False(ArpView.TryCreate(b, 14, 27, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Arp, error.Layer);
    }

    [Fact]
    public void impossible_len()
    {
        // Address lengths of 255 each claim 1028 bytes the packet does not have.
        var b = (byte[])SampleFrames.ArpRequest.Clone();
        b[14 + FieldLayout.ByteOffset(ArpView.Field.HardwareLength)] = 255;
        b[14 + FieldLayout.ByteOffset(ArpView.Field.ProtocolLength)] = 255;
        Assert.False(ArpView.TryCreate(b, 14, b.Length - 14, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
    }
}
