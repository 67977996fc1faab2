using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// An ICMP (RFC 792) or ICMPv6 (RFC 4443) message over caller-owned bytes. Both share one layout:
/// type, code, checksum and a 4-byte word whose meaning depends on the type (identifier and sequence
/// for echo). They differ in their type numbers and in the checksum: ICMPv6's covers the IPv6
/// pseudo-header, ICMP's the message alone.
/// </summary>
public readonly struct IcmpView
{
    /// <summary>Where each field is (RFC 792, RFC 4443 2.1), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int Type = 0 * Octet + 8;
        public const int Code = 1 * Octet + 8;
        public const int Checksum = 2 * Octet + 16;
        public const int Rest = 4 * Octet + 32;
        /// <summary>Echo only: the first half of <see cref="Rest"/>.</summary>
        public const int Identifier = 4 * Octet + 16;
        /// <summary>Echo only: the second half of <see cref="Rest"/>.</summary>
        public const int Sequence = 6 * Octet + 16;
    }

    public const int HeaderLength = 8;

    const int EchoReply = 0;
    const int EchoRequest = 8;
    const int EchoRequestV6 = 128;
    const int EchoReplyV6 = 129;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Type", Field.Type, "what the message is: 8 echo request (ping), 0 echo reply, 3 unreachable, 11 TTL exceeded"),
        new FieldInfo("Code", Field.Code, "detail within the type, e.g. for unreachable 3 = port unreachable, 4 = fragmentation needed"),
        new FieldInfo("Checksum", Field.Checksum, "ones' complement sum over the whole ICMP message"),
        new FieldInfo("Rest of header", Field.Rest, "depends on the type: identifier and sequence number for echo, next-hop MTU for fragmentation needed"),
    });

    static FieldInfo[]? s_v6FieldsTable;
    static FieldInfo[] V6Fields => s_v6FieldsTable ?? (s_v6FieldsTable = new FieldInfo[] {
        new FieldInfo("Type", Field.Type, "what the message is: 1-127 errors (1 unreachable, 2 too big), 128/129 echo, 133-137 neighbor discovery"),
        new FieldInfo("Code", Field.Code, "detail within the type"),
        new FieldInfo("Checksum", Field.Checksum, "ones' complement sum over an IPv6 pseudo-header and the whole message"),
        new FieldInfo("Message body", Field.Rest, "depends on the type: identifier and sequence for echo, MTU for packet too big"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;
    readonly bool _v6;

    IcmpView(byte[] b, int offset, int length, bool v6)
    {
        _b = b;
        _o = offset;
        _len = length;
        _v6 = v6;
    }

    /// <summary>An ICMP message (carried by IPv4).</summary>
    /// <param name="length">The whole message.</param>
    public static bool TryCreate(byte[] b, int offset, int length, out IcmpView view, out FrameError error) =>
        TryCreate(b, offset, length, false, out view, out error);

    /// <summary>An ICMPv6 message (carried by IPv6).</summary>
    /// <param name="length">The whole message.</param>
    public static bool TryCreateIcmpv6(byte[] b, int offset, int length, out IcmpView view, out FrameError error) =>
        TryCreate(b, offset, length, true, out view, out error);

    static bool TryCreate(byte[] b, int offset, int length, bool v6, out IcmpView view, out FrameError error)
    {
        view = default;
        var layer = v6 ? FrameLayer.Icmpv6 : FrameLayer.Icmp;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(layer, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(layer, FrameErrorKind.Truncated, offset + length); return false; }
        view = new IcmpView(b, offset, length, v6);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    public int Length => _len;
    /// <summary>An ICMPv6 message rather than an ICMP one.</summary>
    public bool IsIcmpv6 => _v6;

    public int Type => Read(_b, _o, Field.Type);
    public int Code => Read(_b, _o, Field.Code);
    public int Checksum => Read(_b, _o, Field.Checksum);
    /// <summary>The 4 bytes after the checksum (ICMP's rest of header, ICMPv6's message body start).</summary>
    public uint RestOfHeader => Read32(_b, _o, Field.Rest);
    public bool IsEcho => _v6 ? Type == EchoRequestV6 || Type == EchoReplyV6 : Type == EchoReply || Type == EchoRequest;
    public int Identifier => Read(_b, _o, Field.Identifier);
    public int SequenceNumber => Read(_b, _o, Field.Sequence);
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    /// <summary>"ICMP" or "ICMPv6".</summary>
    public string ProtocolName => FrameNames.Layer(_v6 ? FrameLayer.Icmpv6 : FrameLayer.Icmp);
    public string TypeName => _v6 ? FrameNames.Icmpv6Type(Type) : FrameNames.IcmpType(Type);

    /// <summary>ICMP's checksum: over the message alone.</summary>
    public ChecksumStatus VerifyChecksum() =>
        InternetChecksum.Fold(InternetChecksum.Add(_b, _o, _len, 0)) == 0xFFFF ? ChecksumStatus.Valid : ChecksumStatus.Invalid;

    /// <summary>ICMPv6's checksum, given the IPv6 pseudo-header sum (RFC 4443 2.3).</summary>
    public ChecksumStatus VerifyChecksum(uint pseudoHeaderSum) =>
        InternetChecksum.Verify(InternetChecksum.Add(_b, _o, _len, pseudoHeaderSum), pseudoHeaderSum, Checksum);

    public int FieldCount => HeaderFields.Length;

    FieldInfo[] HeaderFields => _v6 ? V6Fields : Fields;

    public DecodedField GetField(int index) => index switch
    {
        0 => DecodedField.Of(HeaderFields[0], _b, _o, TypeName),
        2 => DecodedField.Of(HeaderFields[2], _b, _o, FrameText.Hex(Checksum, 4)),
        3 => DecodedField.Of(HeaderFields[3], _b, _o, IsEcho
            ? "id " + FrameText.Decimal(Identifier) + ", seq " + FrameText.Decimal(SequenceNumber)
            : FrameText.Hex(RestOfHeader, 8)),
        _ => DecodedField.Of(HeaderFields[index], _b, _o, null),
    };
}
