using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>An ARP packet (RFC 826) over caller-owned bytes; any hardware and protocol address sizes.</summary>
public readonly struct ArpView
{
    /// <summary>Where each fixed field is (RFC 826), as <see cref="FieldLayout"/> constants; the addresses follow, of the lengths given.</summary>
    public static class Field
    {
        public const int HardwareType = 0 * Octet + 16;
        public const int ProtocolType = 2 * Octet + 16;
        public const int HardwareLength = 4 * Octet + 8;
        public const int ProtocolLength = 5 * Octet + 8;
        public const int Operation = 6 * Octet + 16;
        /// <summary>The sender's hardware address; the other three follow it.</summary>
        public const int Addresses = 8 * Octet;
    }

    public const int FixedLength = 8;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Hardware type", Field.HardwareType, "link-layer kind the addresses belong to; 1 is Ethernet"),
        new FieldInfo("Protocol type", Field.ProtocolType, "network protocol being resolved, as an EtherType; 0x0800 is IPv4"),
        new FieldInfo("Hardware length", Field.HardwareLength, "bytes in each hardware address (6 for a MAC)"),
        new FieldInfo("Protocol length", Field.ProtocolLength, "bytes in each protocol address (4 for IPv4)"),
        new FieldInfo("Operation", Field.Operation, "1 asks who has the target address, 2 answers with the sender's"),
        new FieldInfo("Sender hardware address", Field.Addresses, "MAC of the host sending this packet"),
        new FieldInfo("Sender protocol address", Field.Addresses, "IP address of the host sending this packet"),
        new FieldInfo("Target hardware address", Field.Addresses, "MAC being asked for (zero in a request) or the asker's"),
        new FieldInfo("Target protocol address", Field.Addresses, "IP address whose MAC is wanted, or the asker's"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    ArpView(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out ArpView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Arp, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < FixedLength) { error = new FrameError(FrameLayer.Arp, FrameErrorKind.Truncated, offset + length); return false; }
        int need = FixedLength + 2 * (Read(b, offset, Field.HardwareLength) + Read(b, offset, Field.ProtocolLength));
        if (length < need) { error = new FrameError(FrameLayer.Arp, FrameErrorKind.Truncated, offset + length); return false; }
        view = new ArpView(b, offset, need);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    /// <summary>Bytes of the ARP packet proper (Ethernet padding after it excluded).</summary>
    public int Length => _len;

    public int HardwareType => Read(_b, _o, Field.HardwareType);
    public EtherType ProtocolType => (EtherType)Read(_b, _o, Field.ProtocolType);
    public int HardwareLength => Read(_b, _o, Field.HardwareLength);
    public int ProtocolLength => Read(_b, _o, Field.ProtocolLength);
    public int Operation => Read(_b, _o, Field.Operation);

    public int SenderHardwareAt => _o + Field.Addresses / Octet;
    public int SenderProtocolAt => SenderHardwareAt + HardwareLength;
    public int TargetHardwareAt => SenderProtocolAt + ProtocolLength;
    public int TargetProtocolAt => TargetHardwareAt + HardwareLength;

    public string SenderHardwareText => FrameText.Mac(_b, SenderHardwareAt, HardwareLength);
    public string TargetHardwareText => FrameText.Mac(_b, TargetHardwareAt, HardwareLength);
    public string SenderProtocolText => ProtocolText(SenderProtocolAt);
    public string TargetProtocolText => ProtocolText(TargetProtocolAt);

    string ProtocolText(int at) => ProtocolLength == 4 ? FrameText.Ipv4(_b, at) : FrameText.Mac(_b, at, ProtocolLength);

    public int FieldCount => Fields.Length;

    public DecodedField GetField(int index)
    {
        var info = Fields[index];
        switch (index)
        {
            case 1: return DecodedField.Of(info, _b, _o, FrameNames.EtherType(ProtocolType));
            case 4: return DecodedField.Of(info, _b, _o, FrameNames.ArpOperation(Operation));
            case 5: return Address(info, SenderHardwareAt, HardwareLength, SenderHardwareText);
            case 6: return Address(info, SenderProtocolAt, ProtocolLength, SenderProtocolText);
            case 7: return Address(info, TargetHardwareAt, HardwareLength, TargetHardwareText);
            case 8: return Address(info, TargetProtocolAt, ProtocolLength, TargetProtocolText);
            default: return DecodedField.Of(info, _b, _o, null);
        }
    }

    DecodedField Address(FieldInfo info, int at, int length, string text) =>
        new DecodedField(new FieldInfo(info.Name, (at - _o) * 8, length * 8, info.Meaning), _b, _o, text);
}
