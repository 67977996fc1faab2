namespace Gateway.Core.Frames;

/// <summary>
/// An IPv4 header (RFC 791) over caller-owned bytes. The checked view guarantees the whole header,
/// its options and the total length are inside the slice; bytes after the total length (Ethernet
/// padding) are not part of the packet.
/// </summary>
public readonly struct Ipv4View
{
    public const int VersionIhlOffset = 0;
    public const int DscpEcnOffset = 1;
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsFragmentOffset = 6;
    public const int TtlOffset = 8;
    public const int ProtocolOffset = 9;
    public const int ChecksumOffset = 10;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;
    public const int OptionsOffset = 20;
    public const int MinHeaderLength = 20;
    public const int AddressLength = 4;

    const int FlagReserved = 0x8000;
    const int FlagDontFragment = 0x4000;
    const int FlagMoreFragments = 0x2000;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Version", 0, 4, "IP version; 4 for IPv4"),
        new FieldInfo("IHL", 4, 4, "header length in 32-bit words; 5 means 20 bytes and no options"),
        new FieldInfo("DSCP", 8, 6, "differentiated services code point: the traffic class routers may prioritise"),
        new FieldInfo("ECN", 14, 2, "explicit congestion notification: routers mark congestion here instead of dropping"),
        new FieldInfo("Total length", 16, 16, "bytes in the whole packet, header and data"),
        new FieldInfo("Identification", 32, 16, "number shared by all fragments of one packet, to put them back together"),
        new FieldInfo("Flags", 48, 3, "reserved, DF (don't fragment: drop rather than split), MF (more fragments follow)"),
        new FieldInfo("Fragment offset", 51, 13, "where this fragment's data goes in the original packet, in 8-byte units"),
        new FieldInfo("TTL", 64, 8, "hops left before a router drops the packet; each router subtracts 1"),
        new FieldInfo("Protocol", 72, 8, "what the data carries: 6 TCP, 17 UDP, 1 ICMP"),
        new FieldInfo("Header checksum", 80, 16, "ones' complement sum over the header only; routers recompute it as TTL drops"),
        new FieldInfo("Source", 96, 32, "address of the sending host"),
        new FieldInfo("Destination", 128, 32, "address of the receiving host"),
        new FieldInfo("Option", 160, 0, "an IP option (record route, timestamp, router alert...); rare, often filtered"),
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
        if (b[offset] >> 4 != 4) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.BadVersion, offset + VersionIhlOffset);
        int header = (b[offset] & 0xF) * 4;
        if (header < MinHeaderLength) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.BadHeaderLength, offset + VersionIhlOffset);
        if (header > length) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.Truncated, offset + length);
        int total = NetworkOrder.U16(b, offset + TotalLengthOffset);
        if (total < header) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.BadTotalLength, offset + TotalLengthOffset);
        if (total > length) return FrameError.Fail(out error, FrameLayer.Ipv4, FrameErrorKind.Truncated, offset + length);
        error = default;
        return header;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;

    public int Version => _b[_o] >> 4;
    public int HeaderLength => (_b[_o] & 0xF) * 4;
    public int Dscp => _b[_o + DscpEcnOffset] >> 2;
    public int Ecn => _b[_o + DscpEcnOffset] & 3;
    public int TotalLength => NetworkOrder.U16(_b, _o + TotalLengthOffset);
    public int Identification => NetworkOrder.U16(_b, _o + IdentificationOffset);
    int FlagsAndFragment => NetworkOrder.U16(_b, _o + FlagsFragmentOffset);
    public bool ReservedFlag => (FlagsAndFragment & FlagReserved) != 0;
    public bool DontFragment => (FlagsAndFragment & FlagDontFragment) != 0;
    public bool MoreFragments => (FlagsAndFragment & FlagMoreFragments) != 0;
    /// <summary>Fragment offset in bytes (the field counts 8-byte units).</summary>
    public int FragmentOffset => (FlagsAndFragment & 0x1FFF) * 8;
    /// <summary>Part of a fragmented packet: more follow, or this one is not the first.</summary>
    public bool IsFragment => IsFragmentAt(_b, _o);

    internal static bool IsFragmentAt(byte[] b, int offset) => (NetworkOrder.U16(b, offset + FlagsFragmentOffset) & (FlagMoreFragments | 0x1FFF)) != 0;
    public int Ttl => _b[_o + TtlOffset];
    public IpProtocol Protocol => (IpProtocol)_b[_o + ProtocolOffset];
    public int Checksum => NetworkOrder.U16(_b, _o + ChecksumOffset);
    public uint Source => NetworkOrder.U32(_b, _o + SourceOffset);
    public uint Destination => NetworkOrder.U32(_b, _o + DestinationOffset);
    public string SourceText => FrameText.Ipv4(_b, _o + SourceOffset);
    public string DestinationText => FrameText.Ipv4(_b, _o + DestinationOffset);

    public int OptionsLength => HeaderLength - MinHeaderLength;
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => TotalLength - HeaderLength;

    /// <summary>Whether the header checksum is right (RFC 1071: the header's words sum to 0xffff).</summary>
    public ChecksumStatus VerifyChecksum() =>
        InternetChecksum.Fold(InternetChecksum.Add(_b, _o, HeaderLength, 0)) == 0xFFFF ? ChecksumStatus.Valid : ChecksumStatus.Invalid;

    /// <summary>The pseudo-header sum (RFC 9293 3.1) for a transport segment of <paramref name="length"/> bytes.</summary>
    public uint PseudoHeaderSum(IpProtocol protocol, int length)
    {
        uint sum = InternetChecksum.Add(_b, _o + SourceOffset, 2 * AddressLength, 0);
        return sum + (uint)protocol + (uint)length;
    }

    /// <summary>The option starting at <paramref name="at"/> (start with <see cref="OptionsStart"/>); false when none is left.</summary>
    public bool TryReadOption(int at, out HeaderOption option) =>
        HeaderOption.TryRead(_b, at, _o + HeaderLength, out option);

    public int OptionsStart => _o + OptionsOffset;

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
