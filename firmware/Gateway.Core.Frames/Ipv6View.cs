using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// An IPv6 header (RFC 8200) over caller-owned bytes, with its hop-by-hop, routing, fragment and
/// destination-options extension headers walked to the upper-layer protocol. The checked view
/// guarantees the fixed header, the payload length and every walked extension header are in the slice.
/// </summary>
public readonly struct Ipv6View
{
    /// <summary>Where each field is (RFC 8200 3), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int Version = 0 * Octet + 4;
        public const int TrafficClass = 0 * Octet + 4 * Bit + 8;
        public const int FlowLabel = 1 * Octet + 4 * Bit + 20;
        public const int PayloadLength = 4 * Octet + 16;
        public const int NextHeader = 6 * Octet + 8;
        public const int HopLimit = 7 * Octet + 8;
        public const int Source = 8 * Octet + 128;
        public const int Destination = 24 * Octet + 128;
        public const int Extensions = 40 * Octet;
    }

    /// <summary>Where each field of an extension header is (RFC 8200 4.3-4.6), from the extension header's first byte.</summary>
    public static class ExtensionField
    {
        public const int NextHeader = 0 * Octet + 8;
        /// <summary>Length in 8-byte units after the first 8 (the fragment header has none: it is always 8 bytes).</summary>
        public const int Length = 1 * Octet + 8;
        public const int FragmentOffset = 2 * Octet + 13;
        public const int MoreFragments = 3 * Octet + 7 * Bit + 1;
        public const int FragmentIdentification = 4 * Octet + 32;
    }

    public const int HeaderLength = 40;
    public const int AddressLength = 16;
    /// <summary>Extension headers walked before giving up: more is an attack or a broken packet.</summary>
    public const int MaxExtensions = 8;
    const int ExtensionUnit = 8;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Version", Field.Version, "IP version; 6 for IPv6"),
        new FieldInfo("Traffic class", Field.TrafficClass, "DSCP and ECN, as in IPv4: priority and congestion marks"),
        new FieldInfo("Flow label", Field.FlowLabel, "tags packets of one flow so routers can keep them on one path"),
        new FieldInfo("Payload length", Field.PayloadLength, "bytes after this 40-byte header, extension headers included"),
        new FieldInfo("Next header", Field.NextHeader, "what follows: an extension header or the upper protocol (6 TCP, 17 UDP, 58 ICMPv6)"),
        new FieldInfo("Hop limit", Field.HopLimit, "hops left before a router drops the packet; each router subtracts 1 (IPv4's TTL)"),
        new FieldInfo("Source", Field.Source, "address of the sending host"),
        new FieldInfo("Destination", Field.Destination, "address of the receiving host (or the next waypoint of a routing header)"),
        new FieldInfo("Extension header", Field.Extensions, "an optional header between IPv6 and the upper protocol"),
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
        if (Read(b, offset, Field.Version) != 6) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.BadVersion, offset + Field.Version / Octet); return false; }
        int payload = Read(b, offset, Field.PayloadLength);
        if (payload > length - HeaderLength) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, offset + length); return false; }
        int end = offset + HeaderLength + payload;
        int at = offset + HeaderLength;
        var next = (IpProtocol)Read(b, offset, Field.NextHeader);
        int count = 0, fragmentAt = -1;
        while (IsExtension(next))
        {
            if (count == MaxExtensions) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.TooManyHeaders, at); return false; }
            if (end - at < ExtensionUnit) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, end); return false; }
            int len = ExtensionLength(b, at, next);
            if (len > end - at) { error = new FrameError(FrameLayer.Ipv6, FrameErrorKind.Truncated, end); return false; }
            if (next == IpProtocol.Ipv6Fragment) fragmentAt = at;
            next = (IpProtocol)Read(b, at, ExtensionField.NextHeader);
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
        type == IpProtocol.Ipv6Fragment ? ExtensionUnit : (Read(b, at, ExtensionField.Length) + 1) * ExtensionUnit;

    public byte[] Buffer => _b;
    public int Offset => _o;

    public int Version => Read(_b, _o, Field.Version);
    public int TrafficClass => Read(_b, _o, Field.TrafficClass);
    public int FlowLabel => Read(_b, _o, Field.FlowLabel);
    public int PayloadLength => Read(_b, _o, Field.PayloadLength);
    /// <summary>The fixed header's next-header field (the first extension header, or the upper protocol).</summary>
    public IpProtocol NextHeader => (IpProtocol)Read(_b, _o, Field.NextHeader);
    public int HopLimit => Read(_b, _o, Field.HopLimit);
    public string SourceText => FrameText.Ipv6(_b, SourceAt);
    public string DestinationText => FrameText.Ipv6(_b, DestinationAt);
    public int SourceAt => _o + Field.Source / Octet;
    public int DestinationAt => _o + Field.Destination / Octet;

    public int ExtensionCount => _extensions;

    /// <summary>The protocol after the extension headers (TCP, UDP, ICMPv6, or any other kept raw).</summary>
    public IpProtocol UpperProtocol => _upper;
    public int UpperOffset => _upperOffset;
    public int UpperLength => _o + HeaderLength + PayloadLength - _upperOffset;

    public bool HasFragmentHeader => _fragmentAt >= 0;
    /// <summary>Fragment offset in bytes, from the fragment header; 0 without one.</summary>
    public int FragmentOffset => _fragmentAt < 0 ? 0 : Read(_b, _fragmentAt, ExtensionField.FragmentOffset) * 8;
    public bool MoreFragments => _fragmentAt >= 0 && Read(_b, _fragmentAt, ExtensionField.MoreFragments) != 0;
    public uint FragmentIdentification => _fragmentAt < 0 ? 0 : Read32(_b, _fragmentAt, ExtensionField.FragmentIdentification);
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
            var next = (IpProtocol)Read(_b, at, ExtensionField.NextHeader);
            if (i == index) return new Ipv6Extension(type, at, len, next);
            type = next;
            at += len;
        }
    }

    /// <summary>The pseudo-header sum (RFC 8200 8.1) for an upper-layer packet of <paramref name="length"/> bytes.</summary>
    public uint PseudoHeaderSum(IpProtocol protocol, int length)
    {
        uint sum = InternetChecksum.Add(_b, SourceAt, 2 * AddressLength, 0);
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
