using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// An Ethernet II header (IEEE 802.3 clause 3) over caller-owned bytes, with up to two VLAN tags
/// (802.1Q, and 802.1ad QinQ outside it). The FCS is not in captures and is not expected.
/// </summary>
public readonly struct EthernetView
{
    /// <summary>Where each field is (IEEE 802.3 3.1.1), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int Destination = 0 * Octet + 48;
        public const int Source = 6 * Octet + 48;
        /// <summary>The EtherType, or the first tag's protocol identifier (TPID); each tag moves it 4 bytes on.</summary>
        public const int EtherType = 12 * Octet + 16;
    }

    /// <summary>Where each field of the outermost VLAN tag (802.1Q 9.6) is; tag n is n * <see cref="TagLength"/> bytes further.</summary>
    public static class TagField
    {
        public const int Protocol = 12 * Octet + 16;
        /// <summary>The tag control information: priority, drop eligible, VLAN ID.</summary>
        public const int Control = 14 * Octet + 16;
        public const int Priority = 14 * Octet + 3;
        public const int DropEligible = 14 * Octet + 3 * Bit + 1;
        public const int VlanId = 14 * Octet + 4 * Bit + 12;
    }

    public const int AddressLength = 6;
    public const int MinHeaderLength = 14;
    public const int TagLength = 4;
    /// <summary>Tags walked: a customer tag inside a service tag (QinQ). A third is left as payload.</summary>
    public const int MaxTags = 2;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Destination", Field.Destination, "MAC address of the receiving interface; ff:ff:ff:ff:ff:ff reaches every host on the segment"),
        new FieldInfo("Source", Field.Source, "MAC address of the sending interface"),
        new FieldInfo("EtherType", Field.EtherType, "which protocol the payload carries: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP"),
    });

    static FieldInfo[]? s_tagFieldsTable;
    static FieldInfo[] TagFields => s_tagFieldsTable ?? (s_tagFieldsTable = new FieldInfo[] {
        new FieldInfo("Tag protocol", TagField.Protocol, "0x8100 marks an 802.1Q VLAN tag, 0x88a8 an 802.1ad service tag (QinQ)"),
        new FieldInfo("Priority", TagField.Priority, "class of service 0-7 (802.1p) switches use to queue the frame"),
        new FieldInfo("Drop eligible", TagField.DropEligible, "1: a congested switch may drop this frame first"),
        new FieldInfo("VLAN ID", TagField.VlanId, "which virtual LAN the frame belongs to (1-4094)"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;
    readonly int _tags;

    internal EthernetView(byte[] b, int offset, int length, int tags)
    {
        _b = b;
        _o = offset;
        _len = length;
        _tags = tags;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out EthernetView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Ethernet, FrameErrorKind.OutOfRange, offset); return false; }
        int n = Check(b, offset, length, out error);
        if (n < 0) return false;
        view = new EthernetView(b, offset, length, n);
        return true;
    }

    /// <summary>
    /// Every check of <see cref="TryCreate"/> but the slice's, for a range known to lie inside the array
    /// (the decoder checks the frame once; each inner header lies inside its parent's checked payload).
    /// Returns the number of VLAN tags, or -1 with the error. No view is made, so the decoder stores no array reference per layer.
    /// </summary>
    internal static int Check(byte[] b, int offset, int length, out FrameError error)
    {
        if (length < MinHeaderLength) return FrameError.Fail(out error, FrameLayer.Ethernet, FrameErrorKind.Truncated, offset + length);
        int tags = 0;
        while (tags < MaxTags && IsTagProtocol(Read(b, offset + tags * TagLength, TagField.Protocol)))
        {
            tags++;
            if (length < MinHeaderLength + tags * TagLength) return FrameError.Fail(out error, FrameLayer.Ethernet, FrameErrorKind.Truncated, offset + length);
        }
        error = default;
        return tags;
    }

    static bool IsTagProtocol(int type) =>
        type == (int)EtherType.Vlan || type == (int)EtherType.QinQ || type == (int)EtherType.QinQLegacy;

    public byte[] Buffer => _b;
    public int Offset => _o;
    public int Length => _len;

    public int TagCount => _tags;
    public int HeaderLength => MinHeaderLength + _tags * TagLength;

    /// <summary>The EtherType after the tags: what the payload is.</summary>
    public EtherType EtherType => (EtherType)Read(_b, _o + _tags * TagLength, Field.EtherType);

    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public string DestinationText => FrameText.Mac(_b, _o + Field.Destination / Octet, AddressLength);
    public string SourceText => FrameText.Mac(_b, _o + Field.Source / Octet, AddressLength);
    public bool IsBroadcast => (_b[_o] & _b[_o + 1] & _b[_o + 2] & _b[_o + 3] & _b[_o + 4] & _b[_o + 5]) == 0xFF;
    public bool IsMulticast => (_b[_o] & 1) != 0;

    /// <summary>The tag protocol identifier of tag <paramref name="tag"/> (0 = outermost).</summary>
    public EtherType TagProtocol(int tag) => (EtherType)Read(_b, _o + tag * TagLength, TagField.Protocol);
    public int TagControl(int tag) => Read(_b, _o + tag * TagLength, TagField.Control);
    public int TagPriority(int tag) => Read(_b, _o + tag * TagLength, TagField.Priority);
    public bool TagDropEligible(int tag) => Read(_b, _o + tag * TagLength, TagField.DropEligible) != 0;
    public int TagVlanId(int tag) => Read(_b, _o + tag * TagLength, TagField.VlanId);

    public int FieldCount => 3 + _tags * TagFields.Length;

    public DecodedField GetField(int index)
    {
        if (index < 2) return DecodedField.Of(Fields[index], _b, _o, index == 0 ? DestinationText : SourceText);
        int tagged = index - 2;
        if (tagged < _tags * TagFields.Length)
        {
            int tag = tagged / TagFields.Length, field = tagged % TagFields.Length;
            var info = TagFields[field].At(tag * TagLength);
            return DecodedField.Of(info, _b, _o, field == 0 ? FrameNames.EtherType(TagProtocol(tag)) : null);
        }
        return DecodedField.Of(Fields[2].At(_tags * TagLength), _b, _o, FrameNames.EtherType(EtherType));
    }
}
