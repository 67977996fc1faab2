namespace Gateway.Core.Frames;

/// <summary>
/// An ICMP message (RFC 792) over caller-owned bytes: type, code, checksum and the 4-byte rest of
/// header (identifier and sequence for echo). The checksum covers the whole message, no pseudo-header.
/// </summary>
public readonly struct IcmpView
{
    public const int TypeOffset = 0;
    public const int CodeOffset = 1;
    public const int ChecksumOffset = 2;
    public const int RestOffset = 4;
    public const int HeaderLength = 8;

    const int TypeEchoReply = 0;
    const int TypeEchoRequest = 8;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Type", 0, 8, "what the message is: 8 echo request (ping), 0 echo reply, 3 unreachable, 11 TTL exceeded"),
        new FieldInfo("Code", 8, 8, "detail within the type, e.g. for unreachable 3 = port unreachable, 4 = fragmentation needed"),
        new FieldInfo("Checksum", 16, 16, "ones' complement sum over the whole ICMP message"),
        new FieldInfo("Rest of header", 32, 32, "depends on the type: identifier and sequence number for echo, next-hop MTU for fragmentation needed"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    IcmpView(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    /// <param name="length">The whole message.</param>
    public static bool TryCreate(byte[] b, int offset, int length, out IcmpView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Icmp, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(FrameLayer.Icmp, FrameErrorKind.Truncated, offset + length); return false; }
        view = new IcmpView(b, offset, length);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    public int Length => _len;

    public int Type => _b[_o + TypeOffset];
    public int Code => _b[_o + CodeOffset];
    public int Checksum => NetworkOrder.U16(_b, _o + ChecksumOffset);
    public uint RestOfHeader => NetworkOrder.U32(_b, _o + RestOffset);
    public bool IsEcho => Type == TypeEchoReply || Type == TypeEchoRequest;
    public int Identifier => NetworkOrder.U16(_b, _o + RestOffset);
    public int SequenceNumber => NetworkOrder.U16(_b, _o + RestOffset + 2);
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public ChecksumStatus VerifyChecksum() =>
        InternetChecksum.Fold(InternetChecksum.Add(_b, _o, _len, 0)) == 0xFFFF ? ChecksumStatus.Valid : ChecksumStatus.Invalid;

    public int FieldCount => Fields.Length;

    public DecodedField GetField(int index) => index switch
    {
        0 => DecodedField.Of(Fields[0], _b, _o, FrameNames.IcmpType(Type)),
        2 => DecodedField.Of(Fields[2], _b, _o, FrameText.Hex(Checksum, 4)),
        3 => DecodedField.Of(Fields[3], _b, _o, IsEcho
            ? "id " + FrameText.Decimal(Identifier) + ", seq " + FrameText.Decimal(SequenceNumber)
            : FrameText.Hex(RestOfHeader, 8)),
        _ => DecodedField.Of(Fields[index], _b, _o, null),
    };
}
