namespace Gateway.Core.Frames;

/// <summary>
/// An ICMPv6 message (RFC 4443) over caller-owned bytes: type, code, checksum (with the IPv6
/// pseudo-header) and the 4-byte message body start.
/// </summary>
public readonly struct Icmpv6View
{
    public const int TypeOffset = 0;
    public const int CodeOffset = 1;
    public const int ChecksumOffset = 2;
    public const int BodyOffset = 4;
    public const int HeaderLength = 8;

    const int TypeEchoRequest = 128;
    const int TypeEchoReply = 129;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Type", 0, 8, "what the message is: 1-127 errors (1 unreachable, 2 too big), 128/129 echo, 133-137 neighbor discovery"),
        new FieldInfo("Code", 8, 8, "detail within the type"),
        new FieldInfo("Checksum", 16, 16, "ones' complement sum over an IPv6 pseudo-header and the whole message"),
        new FieldInfo("Message body", 32, 32, "depends on the type: identifier and sequence for echo, MTU for packet too big"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    Icmpv6View(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    /// <param name="length">The whole message.</param>
    public static bool TryCreate(byte[] b, int offset, int length, out Icmpv6View view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Icmpv6, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(FrameLayer.Icmpv6, FrameErrorKind.Truncated, offset + length); return false; }
        view = new Icmpv6View(b, offset, length);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    public int Length => _len;

    public int Type => _b[_o + TypeOffset];
    public int Code => _b[_o + CodeOffset];
    public int Checksum => NetworkOrder.U16(_b, _o + ChecksumOffset);
    public uint Body => NetworkOrder.U32(_b, _o + BodyOffset);
    public bool IsEcho => Type == TypeEchoRequest || Type == TypeEchoReply;
    public int Identifier => NetworkOrder.U16(_b, _o + BodyOffset);
    public int SequenceNumber => NetworkOrder.U16(_b, _o + BodyOffset + 2);
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public ChecksumStatus VerifyChecksum(uint pseudoHeaderSum) =>
        InternetChecksum.Verify(InternetChecksum.Add(_b, _o, _len, pseudoHeaderSum), pseudoHeaderSum, Checksum);

    public int FieldCount => Fields.Length;

    public DecodedField GetField(int index) => index switch
    {
        0 => DecodedField.Of(Fields[0], _b, _o, FrameNames.Icmpv6Type(Type)),
        2 => DecodedField.Of(Fields[2], _b, _o, FrameText.Hex(Checksum, 4)),
        3 => DecodedField.Of(Fields[3], _b, _o, IsEcho
            ? "id " + FrameText.Decimal(Identifier) + ", seq " + FrameText.Decimal(SequenceNumber)
            : FrameText.Hex(Body, 8)),
        _ => DecodedField.Of(Fields[index], _b, _o, null),
    };
}
