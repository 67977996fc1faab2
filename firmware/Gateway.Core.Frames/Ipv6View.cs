namespace Gateway.Core.Frames;

/// <summary>
/// An IPv6 header (RFC 8200) over caller-owned bytes, with its hop-by-hop, routing, fragment and
/// destination-options extension headers walked to the upper-layer protocol. The checked view
/// guarantees the fixed header, the payload length and every walked extension header are in the slice.
/// </summary>
public readonly struct Ipv6View
{
    public const int VersionOffset = 0;
    public const int PayloadLengthOffset = 4;
    public const int NextHeaderOffset = 6;
    public const int HopLimitOffset = 7;
    public const int SourceOffset = 8;
    public const int DestinationOffset = 24;
    public const int HeaderLength = 40;
    public const int AddressLength = 16;
    /// <summary>Extension headers walked before giving up: more is an attack or a broken packet.</summary>
    public const int MaxExtensions = 8;

    // Extension header layout (RFC 8200 4.3-4.6): next header, length in 8-byte units after the first 8.
    const int ExtensionNextOffset = 0;
    const int ExtensionLengthOffset = 1;
    const int ExtensionUnit = 8;
    // Fragment header (RFC 8200 4.5): offset and M flag at bytes 2-3, identification at 4-7.
    const int FragmentOffsetFieldOffset = 2;
    const int FragmentIdOffset = 4;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Version", 0, 4, "IP version; 6 for IPv6"),
        new FieldInfo("Traffic class", 4, 8, "DSCP and ECN, as in IPv4: priority and congestion marks"),
        new FieldInfo("Flow label", 12, 20, "tags packets of one flow so routers can keep them on one path"),
        new FieldInfo("Payload length", 32, 16, "bytes after this 40-byte header, extension headers included"),
        new FieldInfo("Next header", 48, 8, "what follows: an extension header or the upper protocol (6 TCP, 17 UDP, 58 ICMPv6)"),
        new FieldInfo("Hop limit", 56, 8, "hops left before a router drops the packet; each router subtracts 1 (IPv4's TTL)"),
        new FieldInfo("Source", 64, 128, "address of the sending host"),
        new FieldInfo("Destination", 192, 128, "address of the receiving host (or the next waypoint of a routing header)"),
        new FieldInfo("Extension header", 320, 0, "an optional header between IPv6 and the upper protocol"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _upperOffset;
    readonly int _extensions;
    readonly IpProtocol _upper;
    readonly int _fragmentAt;

    Ipv6View(byte[] b, int offset, int upperOffset, IpProtocol upper, int extensions, int fragmentAt)
    {
        _b = b;
        _o = offset;
        _upperOffset = upperOffset;
        _upper = upper;
        _extensions = extensions;
        _fragmentAt = fragmentAt;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out Ipv6View view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, offset + length); return false; }
        if (b[offset] >> 4 != 6) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.BadVersion, offset + VersionOffset); return false; }
        int payload = NetworkOrder.U16(b, offset + PayloadLengthOffset);
        if (payload > length - HeaderLength) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, offset + length); return false; }
        int end = offset + HeaderLength + payload;
        int at = offset + HeaderLength;
        var next = (IpProtocol)b[offset + NextHeaderOffset];
        int count = 0, fragmentAt = -1;
        while (IsExtension(next))
        {
            if (count == MaxExtensions) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.TooManyHeaders, at); return false; }
            if (end - at < ExtensionUnit) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, end); return false; }
            int len = ExtensionLength(b, at, next);
            if (len > end - at) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, end); return false; }
            if (next == IpProtocol.Ipv6Fragment) fragmentAt = at;
            next = (IpProtocol)b[at + ExtensionNextOffset];
            at += len;
            count++;
        }
        view = new Ipv6View(b, offset, at, next, count, fragmentAt);
        error = default;
        return true;
    }

    static bool IsExtension(IpProtocol p) =>
        p == IpProtocol.HopByHop || p == IpProtocol.Ipv6Routing || p == IpProtocol.Ipv6Fragment || p == IpProtocol.Ipv6DestinationOptions;

    static int ExtensionLength(byte[] b, int at, IpProtocol type) =>
        type == IpProtocol.Ipv6Fragment ? ExtensionUnit : (b[at + ExtensionLengthOffset] + 1) * ExtensionUnit;

    public byte[] Buffer => _b;
    public int Offset => _o;

    public int Version => _b[_o] >> 4;
    public int TrafficClass => ((_b[_o] & 0xF) << 4) | (_b[_o + 1] >> 4);
    public int FlowLabel => ((_b[_o + 1] & 0xF) << 16) | NetworkOrder.U16(_b, _o + 2);
    public int PayloadLength => NetworkOrder.U16(_b, _o + PayloadLengthOffset);
    /// <summary>The fixed header's next-header field (the first extension header, or the upper protocol).</summary>
    public IpProtocol NextHeader => (IpProtocol)_b[_o + NextHeaderOffset];
    public int HopLimit => _b[_o + HopLimitOffset];
    public string SourceText => FrameText.Ipv6(_b, _o + SourceOffset);
    public string DestinationText => FrameText.Ipv6(_b, _o + DestinationOffset);
    public int SourceAt => _o + SourceOffset;
    public int DestinationAt => _o + DestinationOffset;

    public int ExtensionCount => _extensions;

    /// <summary>The protocol after the extension headers (TCP, UDP, ICMPv6, or any other kept raw).</summary>
    public IpProtocol UpperProtocol => _upper;
    public int UpperOffset => _upperOffset;
    public int UpperLength => _o + HeaderLength + PayloadLength - _upperOffset;

    public bool HasFragmentHeader => _fragmentAt >= 0;
    /// <summary>Fragment offset in bytes, from the fragment header; 0 without one.</summary>
    public int FragmentOffset => _fragmentAt < 0 ? 0 : NetworkOrder.U16(_b, _fragmentAt + FragmentOffsetFieldOffset) & 0xFFF8;
    public bool MoreFragments => _fragmentAt >= 0 && (_b[_fragmentAt + FragmentOffsetFieldOffset + 1] & 1) != 0;
    public uint FragmentIdentification => _fragmentAt < 0 ? 0 : NetworkOrder.U32(_b, _fragmentAt + FragmentIdOffset);
    /// <summary>Part of a fragmented packet (RFC 8200 4.5; an atomic fragment with offset 0 and no M is whole).</summary>
    public bool IsFragment => MoreFragments || FragmentOffset != 0;

    /// <summary>Extension header <paramref name="index"/> (0 = the first after the fixed header).</summary>
    public Ipv6Extension GetExtension(int index)
    {
        int at = _o + HeaderLength;
        var type = NextHeader;
        for (int i = 0; ; i++)
        {
            int len = ExtensionLength(_b, at, type);
            var next = (IpProtocol)_b[at + ExtensionNextOffset];
            if (i == index) return new Ipv6Extension(type, at, len, next);
            type = next;
            at += len;
        }
    }

    /// <summary>The pseudo-header sum (RFC 8200 8.1) for an upper-layer packet of <paramref name="length"/> bytes.</summary>
    public uint PseudoHeaderSum(IpProtocol protocol, int length)
    {
        uint sum = InternetChecksum.Add(_b, _o + SourceOffset, 2 * AddressLength, 0);
        return sum + (uint)protocol + (uint)length;
    }

    public int FieldCount => Fields.Length - 1 + _extensions;

    public DecodedField GetField(int index)
    {
        if (index < Fields.Length - 1)
        {
            var info = Fields[index];
            switch (index)
            {
                case 4: return DecodedField.Of(info, _b, _o, FrameNames.IpProtocol(NextHeader));
                case 6: return DecodedField.Of(info, _b, _o, SourceText);
                case 7: return DecodedField.Of(info, _b, _o, DestinationText);
                default: return DecodedField.Of(info, _b, _o, null);
            }
        }
        var ext = GetExtension(index - (Fields.Length - 1));
        var generic = Fields[Fields.Length - 1];
        var extInfo = new FieldInfo(FrameNames.IpProtocol(ext.Type) + " header", (ext.Offset - _o) * 8, ext.Length * 8, generic.Meaning);
        string value = "next " + FrameNames.IpProtocol(ext.NextHeader) + ", " + FrameText.Decimal(ext.Length) + " bytes";
        if (ext.Type == IpProtocol.Ipv6Fragment)
            value += ", offset " + FrameText.Decimal(FragmentOffset) + (MoreFragments ? ", MF" : "") + ", id " + FrameText.Decimal(FragmentIdentification);
        return new DecodedField(extInfo, _b, _o, value);
    }
}
