using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// Linux "cooked" capture header, version 1 (LINKTYPE_LINUX_SLL, 113): what libpcap writes for
/// interfaces without a usable link header, or for "any".
/// </summary>
public readonly struct LinuxSllView
{
    /// <summary>Where each field is (tcpdump.org LINKTYPE_LINUX_SLL), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int PacketType = 0 * Octet + 16;
        public const int HardwareType = 2 * Octet + 16;
        public const int AddressLength = 4 * Octet + 16;
        public const int Address = 6 * Octet + 64;
        public const int Protocol = 14 * Octet + 16;
    }

    public const int AddressFieldLength = 8;
    public const int HeaderLength = 16;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Packet type", Field.PacketType, "0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us"),
        new FieldInfo("ARPHRD type", Field.HardwareType, "Linux device type: 1 Ethernet, 772 loopback"),
        new FieldInfo("Address length", Field.AddressLength, "bytes of the link-layer source address that are used"),
        new FieldInfo("Address", Field.Address, "link-layer source address, padded to 8 bytes"),
        new FieldInfo("Protocol", Field.Protocol, "EtherType of the payload"),
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
    public int PacketType => Read(_b, _o, Field.PacketType);
    public int HardwareType => Read(_b, _o, Field.HardwareType);
    public int AddressLength => Read(_b, _o, Field.AddressLength);
    public string AddressText => FrameText.Mac(_b, _o + Field.Address / Octet, AddressLength < AddressFieldLength ? AddressLength : AddressFieldLength);
    public EtherType Protocol => (EtherType)Read(_b, _o, Field.Protocol);
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
