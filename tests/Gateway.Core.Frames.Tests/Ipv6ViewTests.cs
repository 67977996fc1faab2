using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class Ipv6ViewTests
{
    [Fact]
    public void deconstruct()
    {
        var b = SampleFrames.Ipv6ExtensionsTcp;
        Assert.True(Ipv6View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        Assert.Equal(6, ip.Version);
        Assert.Equal(0xb8, ip.TrafficClass);
        Assert.Equal(0x12345, ip.FlowLabel);
        Assert.Equal(64, ip.PayloadLength);
        Assert.Equal(IpProtocol.HopByHop, ip.NextHeader);
        Assert.Equal(64, ip.HopLimit);
        Assert.Equal("2001:db8::1", ip.SourceText);
        Assert.Equal("2001:db8::2", ip.DestinationText);
    }

    [Fact]
    public void extension_headers_are_walked_to_the_upper_protocol()
    {
        var b = SampleFrames.Ipv6ExtensionsTcp;
        Assert.True(Ipv6View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        Assert.Equal(3, ip.ExtensionCount);
        Assert.Equal(IpProtocol.HopByHop, ip.GetExtension(0).Type);
        Assert.Equal(8, ip.GetExtension(0).Length);
        Assert.Equal(IpProtocol.Ipv6DestinationOptions, ip.GetExtension(1).Type);
        Assert.Equal(IpProtocol.Ipv6Routing, ip.GetExtension(2).Type);
        Assert.Equal(24, ip.GetExtension(2).Length);
        Assert.Equal(IpProtocol.Tcp, ip.GetExtension(2).NextHeader);
        Assert.Equal(IpProtocol.Tcp, ip.UpperProtocol);
        Assert.Equal(14 + 40 + 40, ip.UpperOffset);
        Assert.Equal(24, ip.UpperLength);
        Assert.False(ip.HasFragmentHeader);
    }

    [Fact]
    public void fragments()
    {
        var b = SampleFrames.Ipv6FirstFragment;
        Assert.True(Ipv6View.TryCreate(b, 14, b.Length - 14, out var ip, out _));
        Assert.True(ip.HasFragmentHeader);
        Assert.True(ip.MoreFragments);
        Assert.Equal(0, ip.FragmentOffset);
        Assert.Equal(0xcafeu, ip.FragmentIdentification);
        Assert.True(ip.IsFragment);
        Assert.Equal(IpProtocol.Udp, ip.UpperProtocol);
        b = SampleFrames.Ipv6LastFragment;
        Assert.True(Ipv6View.TryCreate(b, 14, b.Length - 14, out ip, out _));
        Assert.False(ip.MoreFragments);
        Assert.Equal(104, ip.FragmentOffset);
    }

    [Fact]
    public void truncated()
    {
        var b = SampleFrames.Ipv6ExtensionsTcp;
        Assert.False(Ipv6View.TryCreate(b, 14, 39, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        Assert.Equal(FrameLayer.Ipv6, error.Layer);
        Assert.False(Ipv6View.TryCreate(b, 14, 60, out _, out error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
    }

    [Fact]
    public void impossible_len()
    {
        // The routing header claims 255 * 8 + 8 bytes inside a 64-byte payload.
        var b = (byte[])SampleFrames.Ipv6ExtensionsTcp.Clone();
        b[14 + 40 + 16 + 1] = 255;
        Assert.False(Ipv6View.TryCreate(b, 14, b.Length - 14, out _, out var error));
        Assert.Equal(FrameErrorKind.Truncated, error.Kind);
        b = (byte[])SampleFrames.Ipv6ExtensionsTcp.Clone();
        b[14] = 0x46;
        Assert.False(Ipv6View.TryCreate(b, 14, b.Length - 14, out _, out error));
        Assert.Equal(FrameErrorKind.BadVersion, error.Kind);
    }

    [Fact]
    public void a_loop_of_extension_headers_stops()
    {
        // 9 destination-options headers, each pointing at another.
        var b = new byte[40 + 9 * 8];
        b[0] = 0x60;
        b[5] = (byte)(9 * 8);
        b[6] = (byte)IpProtocol.Ipv6DestinationOptions;
        for (int i = 0; i < 9; i++) b[40 + i * 8] = (byte)IpProtocol.Ipv6DestinationOptions;
        Assert.False(Ipv6View.TryCreate(b, 0, b.Length, out _, out var error));
        Assert.Equal(FrameErrorKind.TooManyHeaders, error.Kind);
    }

    [Theory]
    [InlineData("00000000000000000000000000000001", "::1")]
    [InlineData("00000000000000000000000000000000", "::")]
    [InlineData("fe800000000000000202b3fffe1e8329", "fe80::202:b3ff:fe1e:8329")]
    [InlineData("20010db8000000010000000000000001", "2001:db8:0:1::1")]
    [InlineData("20010db8000100010001000100010001", "2001:db8:1:1:1:1:1:1")]
    [InlineData("20010db8000000000001000000000001", "2001:db8::1:0:0:1")]
    public void addresses_print_as_rfc5952(string hex, string text) =>
        Assert.Equal(text, FrameText.Ipv6(Convert.FromHexString(hex), 0));
}
