namespace Gateway.Core.Frames;

/// <summary>Linux "cooked" capture header, version 2 (LINKTYPE_LINUX_SLL2, 276): what tcpdump -i any writes.</summary>
public readonly struct LinuxSll2View
{
    public const int ProtocolOffset = 0;
    public const int ReservedOffset = 2;
    public const int InterfaceIndexOffset = 4;
    public const int HardwareTypeOffset = 8;
    public const int PacketTypeOffset = 10;
    public const int AddressLengthOffset = 11;
    public const int AddressOffset = 12;
    public const int AddressFieldLength = 8;
    public const int HeaderLength = 20;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Protocol", 0, 16, "EtherType of the payload"),
        new FieldInfo("Reserved", 16, 16, "must be zero"),
        new FieldInfo("Interface index", 32, 32, "which interface the packet was seen on (ip link shows the numbers)"),
        new FieldInfo("ARPHRD type", 64, 16, "Linux device type: 1 Ethernet, 772 loopback"),
        new FieldInfo("Packet type", 80, 8, "0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us"),
        new FieldInfo("Address length", 88, 8, "bytes of the link-layer source address that are used"),
        new FieldInfo("Address", 96, 64, "link-layer source address, padded to 8 bytes"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    LinuxSll2View(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out LinuxSll2View view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.LinuxSll2, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(FrameLayer.LinuxSll2, FrameErrorKind.Truncated, offset + length); return false; }
        view = new LinuxSll2View(b, offset, length);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    public EtherType Protocol => (EtherType)NetworkOrder.U16(_b, _o + ProtocolOffset);
    public uint InterfaceIndex => NetworkOrder.U32(_b, _o + InterfaceIndexOffset);
    public int HardwareType => NetworkOrder.U16(_b, _o + HardwareTypeOffset);
    public int PacketType => _b[_o + PacketTypeOffset];
    public int AddressLength => _b[_o + AddressLengthOffset];
    public string AddressText => FrameText.Mac(_b, _o + AddressOffset, AddressLength < AddressFieldLength ? AddressLength : AddressFieldLength);
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public int FieldCount => Fields.Length;

    public DecodedField GetField(int index) => index switch
    {
        0 => DecodedField.Of(Fields[0], _b, _o, FrameNames.EtherType(Protocol)),
        6 => DecodedField.Of(Fields[6], _b, _o, AddressText),
        _ => DecodedField.Of(Fields[index], _b, _o, null),
    };
}
