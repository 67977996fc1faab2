namespace Gateway.Core.Frames;

/// <summary>
/// Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL, 113): what libpcap writes for
/// interfaces without a usable link header, or for "any".
/// </summary>
public readonly struct LinuxSllView
{
    public const int PacketTypeOffset = 0;
    public const int HardwareTypeOffset = 2;
    public const int AddressLengthOffset = 4;
    public const int AddressOffset = 6;
    public const int AddressFieldLength = 8;
    public const int ProtocolOffset = 14;
    public const int HeaderLength = 16;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Packet type", 0, 16, "0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us"),
        new FieldInfo("ARPHRD type", 16, 16, "Linux device type: 1 Ethernet, 772 loopback"),
        new FieldInfo("Address length", 32, 16, "bytes of the link-layer source address that are used"),
        new FieldInfo("Address", 48, 64, "link-layer source address, padded to 8 bytes"),
        new FieldInfo("Protocol", 112, 16, "EtherType of the payload"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    LinuxSllView(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out LinuxSllView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.LinuxSll, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(FrameLayer.LinuxSll, FrameErrorKind.Truncated, offset + length); return false; }
        view = new LinuxSllView(b, offset, length);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    public int PacketType => NetworkOrder.U16(_b, _o + PacketTypeOffset);
    public int HardwareType => NetworkOrder.U16(_b, _o + HardwareTypeOffset);
    public int AddressLength => NetworkOrder.U16(_b, _o + AddressLengthOffset);
    public string AddressText => FrameText.Mac(_b, _o + AddressOffset, AddressLength < AddressFieldLength ? AddressLength : AddressFieldLength);
    public EtherType Protocol => (EtherType)NetworkOrder.U16(_b, _o + ProtocolOffset);
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public int FieldCount => Fields.Length;

    public DecodedField GetField(int index) => index switch
    {
        3 => DecodedField.Of(Fields[3], _b, _o, AddressText),
        4 => DecodedField.Of(Fields[4], _b, _o, FrameNames.EtherType(Protocol)),
        _ => DecodedField.Of(Fields[index], _b, _o, null),
    };
}
