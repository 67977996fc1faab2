using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// An IPv4 header (RFC 791) over caller-owned bytes. The checked view guarantees the whole header,
/// its options and the total length are inside the slice; bytes after the total length (Ethernet
/// padding) are not part of the packet.
/// </summary>
public readonly struct Ipv4View
{
    /// <summary>Where each field is (RFC 791 3.1), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int Version = 0 * Octet + 4;
        public const int Ihl = 0 * Octet + 4 * Bit + 4;
        public const int Dscp = 1 * Octet + 6;
        public const int Ecn = 1 * Octet + 6 * Bit + 2;
        public const int TotalLength = 2 * Octet + 16;
        public const int Identification = 4 * Octet + 16;
        public const int Flags = 6 * Octet + 3;
        public const int FragmentOffset = 6 * Octet + 3 * Bit + 13;
        public const int Ttl = 8 * Octet + 8;
        public const int Protocol = 9 * Octet + 8;
        public const int Checksum = 10 * Octet + 16;
        public const int Source = 12 * Octet + 32;
        public const int Destination = 16 * Octet + 32;
        public const int Options = 20 * Octet;
    }

    public const int MinHeaderLength = 20;
    public const int AddressLength = 4;

    // The three bits of Field.Flags.
    const int FlagReserved = 4;
    const int FlagDontFragment = 2;
    const int FlagMoreFragments = 1;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Version", Field.Version, "IP version; 4 for IPv4"),
        new FieldInfo("IHL", Field.Ihl, "header length in 32-bit words; 5 means 20 bytes and no options"),
        new FieldInfo("DSCP", Field.Dscp, "differentiated services code point: the traffic class routers may prioritise"),
        new FieldInfo("ECN", Field.Ecn, "explicit congestion notification: routers mark congestion here instead of dropping"),
        new FieldInfo("Total length", Field.TotalLength, "bytes in the whole packet, header and data"),
        new FieldInfo("Identification", Field.Identification, "number shared by all fragments of one packet, to put them back together"),
        new FieldInfo("Flags", Field.Flags, "reserved, DF (don't fragment: drop rather than split), MF (more fragments follow)"),
        new FieldInfo("Fragment offset", Field.FragmentOffset, "where this fragment's data goes in the original packet, in 8-byte units"),
        new FieldInfo("TTL", Field.Ttl, "hops left before a router drops the packet; each router subtracts 1"),
        new FieldInfo("Protocol", Field.Protocol, "what the data carries: 6 TCP, 17 UDP, 1 ICMP"),
        new FieldInfo("Header checksum", Field.Checksum, "ones' complement sum over the header only; routers recompute it as TTL drops"),
        new FieldInfo("Source", Field.Source, "address of the sending host"),
        new FieldInfo("Destination", Field.Destination, "address of the receiving host"),
        new FieldInfo("Option", Field.Options, "an IP option (record route, timestamp, router alert...); rare, often filtered"),
    });

    readonly byte[] _b;
    readonly int _o;

    internal Ipv4View(byte[] b, int offset)
    {
        _b = b;
        _o = offset;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out Ipv4View view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Ipv4, FrameErrorKind.OutOfRange, offset); return false; }
        int n = Check(b, offset, length, out error);
        if (n < 0) return false;
        view = new Ipv4View(b, offset);
        return true;
    }

    /// <summary>
    /// Every check of <see cref="TryCreate"/> but the slice's, for a range known to lie inside the array
    /// (the decoder checks the frame once; each inner header lies inside its parent's checked payload).
    /// Returns the header length in bytes, or -1 with the error. No view is made, so the decoder stores no array reference per layer.
    /// </summary>
    internal static int Check(byte[] b, int offset, int length, out FrameError error)
    {
        if (length < MinHeaderLength) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.Truncated, offset + length);
        if (Read(b, offset, Field.Version) != 4) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.BadVersion, offset + Field.Version / Octet);
        int header = Read(b, offset, Field.Ihl) * 4;
        if (header < MinHeaderLength) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.BadHeaderLength, offset + Field.Ihl / Octet);
        if (header > length) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.Truncated, offset + length);
        int total = Read(b, offset, Field.TotalLength);
        if (total < header) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.BadTotalLength, offset + Field.TotalLength / Octet);
        if (total > length) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.Truncated, offset + length);
        error = default;
        return header;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;

    public int Version => Read(_b, _o, Field.Version);
    public int HeaderLength => Read(_b, _o, Field.Ihl) * 4;
    public int Dscp => Read(_b, _o, Field.Dscp);
    public int Ecn => Read(_b, _o, Field.Ecn);
    public int TotalLength => Read(_b, _o, Field.TotalLength);
    public int Identification => Read(_b, _o, Field.Identification);
    public bool ReservedFlag => (Read(_b, _o, Field.Flags) & FlagReserved) != 0;
    public bool DontFragment => (Read(_b, _o, Field.Flags) & FlagDontFragment) != 0;
    public bool MoreFragments => (Read(_b, _o, Field.Flags) & FlagMoreFragments) != 0;
    /// <summary>Fragment offset in bytes (the field counts 8-byte units).</summary>
    public int FragmentOffset => Read(_b, _o, Field.FragmentOffset) * 8;
    /// <summary>Part of a fragmented packet: more follow, or this one is not the first.</summary>
    public bool IsFragment => IsFragmentAt(_b, _o);

    internal static bool IsFragmentAt(byte[] b, int offset) =>
        (Read(b, offset, Field.Flags) & FlagMoreFragments) != 0 || Read(b, offset, Field.FragmentOffset) != 0;
    public int Ttl => Read(_b, _o, Field.Ttl);
    public IpProtocol Protocol => (IpProtocol)Read(_b, _o, Field.Protocol);
    public int Checksum => Read(_b, _o, Field.Checksum);
    public uint Source => Read32(_b, _o, Field.Source);
    public uint Destination => Read32(_b, _o, Field.Destination);
    public string SourceText => FrameText.Ipv4(_b, _o + Field.Source / Octet);
    public string DestinationText => FrameText.Ipv4(_b, _o + Field.Destination / Octet);

    public int OptionsLength => HeaderLength - MinHeaderLength;
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => TotalLength - HeaderLength;

    /// <summary>Whether the header checksum is right (RFC 1071: the header's words sum to 0xffff).</summary>
    public ChecksumStatus VerifyChecksum() =>
        InternetChecksum.Fold(InternetChecksum.Add(_b, _o, HeaderLength, 0)) == 0xFFFF ? ChecksumStatus.Valid : ChecksumStatus.Invalid;

    /// <summary>The pseudo-header sum (RFC 9293 3.1) for a transport segment of <paramref name="length"/> bytes.</summary>
    public uint PseudoHeaderSum(IpProtocol protocol, int length)
    {
        uint sum = InternetChecksum.Add(_b, _o + Field.Source / Octet, 2 * AddressLength, 0);
        return sum + (uint)protocol + (uint)length;
    }

    /// <summary>The option starting at <paramref name="at"/> (start with <see cref="OptionsStart"/>); false when none is left.</summary>
    public bool TryReadOption(int at, out HeaderOption option) =>
        HeaderOption.TryRead(_b, at, _o + HeaderLength, out option);

    public int OptionsStart => _o + Field.Options / Octet;

    public int OptionCount => HeaderOption.Count(_b, OptionsStart, _o + HeaderLength);

    public int FieldCount => Fields.Length - 1 + OptionCount;

    public DecodedField GetField(int index)
    {
        if (index < Fields.Length - 1)
        {
            var info = Fields[index];
            switch (index)
            {
                case 6: return DecodedField.Of(info, _b, _o, FlagsText());
                case 7: return DecodedField.Of(info, _b, _o, FrameText.Decimal(FragmentOffset) + " bytes");
                case 9: return DecodedField.Of(info, _b, _o, FrameNames.IpProtocol(Protocol));
                case 10: return DecodedField.Of(info, _b, _o, FrameText.Hex(Checksum, 4) + " " + FrameNames.Checksum(VerifyChecksum()));
                case 11: return DecodedField.Of(info, _b, _o, SourceText);
                case 12: return DecodedField.Of(info, _b, _o, DestinationText);
                default: return DecodedField.Of(info, _b, _o, null);
            }
        }
        HeaderOption.TryReadAt(_b, OptionsStart, _o + HeaderLength, index - (Fields.Length - 1), out var option);
        var opt = Fields[Fields.Length - 1];
        var optInfo = new FieldInfo(opt.Name + " " + FrameNames.Ipv4Option(option.Kind), (option.Offset - _o) * 8, option.Length * 8, opt.Meaning);
        return new DecodedField(optInfo, _b, _o, option.IsMalformed ? "malformed" : FrameText.Hex(_b, option.Offset, option.Length));
    }

    string FlagsText()
    {
        string s = "";
        if (ReservedFlag) s = "reserved ";
        if (DontFragment) s += "DF ";
        if (MoreFragments) s += "MF ";
        return s.Length == 0 ? "none" : s.Substring(0, s.Length - 1);
    }
}
