using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>Linux "cooked" capture header, version 2 (LINKTYPE_LINUX_SLL2, 276): what tcpdump -i any writes.</summary>
public readonly struct LinuxSll2View
{
    /// <summary>Where each field is (tcpdump.org LINKTYPE_LINUX_SLL2), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int Protocol = 0 * Octet + 16;
        public const int Reserved = 2 * Octet + 16;
        public const int InterfaceIndex = 4 * Octet + 32;
        public const int HardwareType = 8 * Octet + 16;
        public const int PacketType = 10 * Octet + 8;
        public const int AddressLength = 11 * Octet + 8;
        public const int Address = 12 * Octet + 64;
    }

    public const int AddressFieldLength = 8;
    public const int HeaderLength = 20;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Protocol", Field.Protocol, "EtherType of the payload"),
        new FieldInfo("Reserved", Field.Reserved, "must be zero"),
        new FieldInfo("Interface index", Field.InterfaceIndex, "which interface the packet was seen on (ip link shows the numbers)"),
        new FieldInfo("ARPHRD type", Field.HardwareType, "Linux device type: 1 Ethernet, 772 loopback"),
        new FieldInfo("Packet type", Field.PacketType, "0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us"),
        new FieldInfo("Address length", Field.AddressLength, "bytes of the link-layer source address that are used"),
        new FieldInfo("Address", Field.Address, "link-layer source address, padded to 8 bytes"),
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
    public EtherType Protocol => (EtherType)Read(_b, _o, Field.Protocol);
    public uint InterfaceIndex => Read32(_b, _o, Field.InterfaceIndex);
    public int HardwareType => Read(_b, _o, Field.HardwareType);
    public int PacketType => Read(_b, _o, Field.PacketType);
    public int AddressLength => Read(_b, _o, Field.AddressLength);
    public string AddressText => FrameText.Mac(_b, _o + Field.Address / Octet, AddressLength < AddressFieldLength ? AddressLength : AddressFieldLength);
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
