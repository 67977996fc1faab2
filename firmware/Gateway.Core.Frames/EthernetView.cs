namespace Gateway.Core.Frames;

/// <summary>
/// An Ethernet II header (IEEE 802.3 clause 3) over caller-owned bytes, with up to two VLAN tags
/// (802.1Q, and 802.1ad QinQ outside it). The FCS is not in captures and is not expected.
/// </summary>
public readonly struct EthernetView
{
    public const int DestinationOffset = 0;
    public const int SourceOffset = 6;
    public const int AddressLength = 6;
    /// <summary>The first EtherType or tag protocol identifier (TPID).</summary>
    public const int TypeOffset = 12;
    public const int MinHeaderLength = 14;
    public const int TagLength = 4;
    /// <summary>Tags walked: a customer tag inside a service tag (QinQ). A third is left as payload.</summary>
    public const int MaxTags = 2;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Destination", 0, 48, "MAC address of the receiving interface; ff:ff:ff:ff:ff:ff reaches every host on the segment"),
        new FieldInfo("Source", 48, 48, "MAC address of the sending interface"),
        new FieldInfo("EtherType", 96, 16, "which protocol the payload carries: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP"),
    });

    static FieldInfo[]? s_tagFieldsTable;
    static FieldInfo[] TagFields => s_tagFieldsTable ?? (s_tagFieldsTable = new FieldInfo[] {
        new FieldInfo("Tag protocol", 96, 16, "0x8100 marks an 802.1Q VLAN tag, 0x88a8 an 802.1ad service tag (QinQ)"),
        new FieldInfo("Priority", 112, 3, "class of service 0-7 (802.1p) switches use to queue the frame"),
        new FieldInfo("Drop eligible", 115, 1, "1: a congested switch may drop this frame first"),
        new FieldInfo("VLAN ID", 116, 12, "which virtual LAN the frame belongs to (1-4094)"),
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
        while (tags < MaxTags && IsTagProtocol(NetworkOrder.U16(b, offset + TypeOffset + tags * TagLength)))
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
    public EtherType EtherType => (EtherType)NetworkOrder.U16(_b, _o + TypeOffset + _tags * TagLength);

    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public string DestinationText => FrameText.Mac(_b, _o + DestinationOffset, AddressLength);
    public string SourceText => FrameText.Mac(_b, _o + SourceOffset, AddressLength);
    public bool IsBroadcast => (_b[_o] & _b[_o + 1] & _b[_o + 2] & _b[_o + 3] & _b[_o + 4] & _b[_o + 5]) == 0xFF;
    public bool IsMulticast => (_b[_o] & 1) != 0;

    /// <summary>The tag protocol identifier of tag <paramref name="tag"/> (0 = outermost).</summary>
    public EtherType TagProtocol(int tag) => (EtherType)NetworkOrder.U16(_b, _o + TypeOffset + tag * TagLength);
    public int TagControl(int tag) => NetworkOrder.U16(_b, _o + TypeOffset + tag * TagLength + 2);
    public int TagPriority(int tag) => TagControl(tag) >> 13;
    public bool TagDropEligible(int tag) => (TagControl(tag) & 0x1000) != 0;
    public int TagVlanId(int tag) => TagControl(tag) & 0x0FFF;

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
