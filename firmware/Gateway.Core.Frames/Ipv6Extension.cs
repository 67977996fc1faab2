namespace Gateway.Core.Frames;

/// <summary>One IPv6 extension header met on the way to the upper-layer protocol (RFC 8200 section 4).</summary>
public readonly struct Ipv6Extension
{
    public Ipv6Extension(IpProtocol type, int offset, int length, IpProtocol next)
    {
        Type = type;
        Offset = offset;
        Length = length;
        NextHeader = next;
    }

    /// <summary>Which extension header this is (hop-by-hop, routing, fragment, destination options).</summary>
    public IpProtocol Type { get; }
    /// <summary>Index of its first byte in the buffer.</summary>
    public int Offset { get; }
    public int Length { get; }
    public IpProtocol NextHeader { get; }
}
