using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class EthernetViewTests
{
    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.EhloData;
        Assert.True(EthernetView.TryCreate(b, 0, b.Length, out var e, out var error));
        Assert.True(error.IsNone);
        Assert.Equal("02:42:ac:11:00:03", e.DestinationText);
        Assert.Equal("02:42:ac:11:00:02", e.SourceText);
        Assert.Equal(EtherType.Ipv4, e.EtherType);
        Assert.Equal(0, e.TagCount);
        Assert.Equal(14, e.HeaderLength);
        Assert.Equal(14, e.PayloadOffset);
        Assert.Equal(b.Length - 14, e.PayloadLength);
        Assert.False(e.IsBroadcast);
    }

    [Fact]
    public void deconstruct_vlan()
    {
        var b = SampleFrames.VlanUdp;
        Assert.True(EthernetView.TryCreate(b, 0, b.Length, out var e, out _));
        Assert.Equal(1, e.TagCount);
        Assert.Equal(EtherType.Vlan, e.TagProtocol(0));
        Assert.Equal(100, e.TagVlanId(0));
        Assert.Equal(5, e.TagPriority(0));
        Assert.False(e.TagDropEligible(0));
        Assert.Equal(EtherType.Ipv4, e.EtherType);
        Assert.Equal(18, e.PayloadOffset);
    }

    [Fact]
    public void deconstruct_qinq()
    {
        var b = SampleFrames.QinQIcmpEcho;
        Assert.True(EthernetView.TryCreate(b, 0, b.Length, out var e, out _));
        Assert.Equal(2, e.TagCount);
        Assert.Equal(EtherType.QinQ, e.TagProtocol(0));
        Assert.Equal(200, e.TagVlanId(0));
        Assert.Equal(3, e.TagPriority(0));
        Assert.True(e.TagDropEligible(0));
        Assert.Equal(EtherType.Vlan, e.TagProtocol(1));
        Assert.Equal(100, e.TagVlanId(1));
        Assert.Equal(EtherType.Ipv4, e.EtherType);
        Assert.Equal(22, e.HeaderLength);
        Assert.True(e.IsBroadcast);
    }

    [Fact]
    public void unknown_ethertype_is_kept()
    {
        var b = (byte[])SampleFrames.EhloData.Clone();
        b[12] = 0x88;
        b[13] = 0xcc; // LLDP: not named here
        Assert.True(EthernetView.TryCreate(b, 0, b.Length, out var e, out _));
        Assert.Equal(0x88cc, (int)e.EtherType);
        Assert.Equal("0x88cc", FrameNames.EtherType(e.EtherType));
    }

    [Fact]
    public void truncated()
    {
        var b = SampleFrames.EhloData;
        Assert.False(EthernetView.TryCreate(b, 0, 13, out _, out var error));
        Assert.Equal(FrameLayer.Ethernet, error.Layer);
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(13, error.Offset);
        // A tag announced but cut off.
        Assert.False(EthernetView.TryCreate(SampleFrames.QinQIcmpEcho, 0, 20, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void impossible_len()
    {
        var b = SampleFrames.EhloData;
        Assert.False(EthernetView.TryCreate(b, 10, b.Length, out _, out var error));
        Assert.Equal(FrameErrorKind.OutOfRange, error.Kind);
        Assert.False(EthernetView.TryCreate(b, -1, 20, out _, out error));
        Assert.Equal(FrameErrorKind.OutOfRange, error.Kind);
        Assert.False(EthernetView.TryCreate(b, 0, -1, out _, out error));
        Assert.Equal(FrameErrorKind.OutOfRange, error.Kind);
    }
}
