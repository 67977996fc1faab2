using System.Buffers.Binary;
using Gateway.Core.Frames;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// An address and TCP port read from a frame as numbers (IPv4 in the low 32 bits), so finding a frame's
/// connection costs no text: the "127.0.0.1:2525" form is made once, when a connection is first seen.
/// </summary>
public readonly record struct TcpEndpoint(UInt128 Address, bool V6, int Port)
{
    /// <summary>The frame's source and destination; false for a frame that is not TCP over IPv4 or IPv6.</summary>
    public static bool FromFrame(FrameLayers layers, out TcpEndpoint source, out TcpEndpoint destination)
    {
        source = destination = default;
        if (!layers.Has(FrameLayer.Tcp)) return false;
        var tcp = layers.Tcp;
        if (layers.Has(FrameLayer.Ipv4))
        {
            var ip = layers.Ipv4;
            source = new TcpEndpoint(ip.Source, false, tcp.SourcePort);
            destination = new TcpEndpoint(ip.Destination, false, tcp.DestinationPort);
            return true;
        }
        if (!layers.Has(FrameLayer.Ipv6)) return false;
        var v6 = layers.Ipv6;
        source = new TcpEndpoint(BinaryPrimitives.ReadUInt128BigEndian(v6.Buffer.AsSpan(v6.SourceAt, 16)), true, tcp.SourcePort);
        destination = new TcpEndpoint(BinaryPrimitives.ReadUInt128BigEndian(v6.Buffer.AsSpan(v6.DestinationAt, 16)), true, tcp.DestinationPort);
        return true;
    }

    /// <summary>"127.0.0.1:2525", "[::1]:2525": as the views have always named the sides.</summary>
    public override string ToString()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Address);
        return V6 ? "[" + FrameText.Ipv6(bytes, 0) + "]:" + Port : FrameText.Ipv4(bytes, 12) + ":" + Port;
    }

    /// <summary>The two sides in a fixed order, so both directions of a connection find it.</summary>
    public static (TcpEndpoint, TcpEndpoint) Ordered(TcpEndpoint a, TcpEndpoint b) =>
        a.Address < b.Address || (a.Address == b.Address && (a.Port < b.Port || (a.Port == b.Port && !a.V6))) ? (a, b) : (b, a);
}
