using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// A TCP header (RFC 9293) over caller-owned bytes. The checked view guarantees the fixed header
/// and the options (data offset) are inside the slice; the slice's end is the segment's end.
/// Options are read on demand; a malformed one ends the list and is kept raw.
/// </summary>
public readonly struct TcpView
{
    /// <summary>Where each field is (RFC 9293 3.1), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int SourcePort = 0 * Octet + 16;
        public const int DestinationPort = 2 * Octet + 16;
        public const int Sequence = 4 * Octet + 32;
        public const int Acknowledgment = 8 * Octet + 32;
        public const int DataOffset = 12 * Octet + 4;
        public const int Reserved = 12 * Octet + 4 * Bit + 3;
        /// <summary>NS (the last bit of byte 12) and the eight flags of byte 13, as <see cref="TcpFlags"/> numbers them.</summary>
        public const int Flags = 12 * Octet + 7 * Bit + 9;
        public const int Window = 14 * Octet + 16;
        public const int Checksum = 16 * Octet + 16;
        public const int UrgentPointer = 18 * Octet + 16;
        public const int Options = 20 * Octet;
    }

    public const int MinHeaderLength = 20;

    public const int OptionEnd = 0;
    public const int OptionNop = 1;
    public const int OptionMss = 2;
    public const int OptionWindowScale = 3;
    public const int OptionSackPermitted = 4;
    public const int OptionSack = 5;
    public const int OptionTimestamps = 8;
    const int SackBlockLength = 8;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Source port", Field.SourcePort, "the sender's port; with the addresses it names the connection"),
        new FieldInfo("Destination port", Field.DestinationPort, "the receiver's port: 25/587/465 SMTP, 110/995 POP3"),
        new FieldInfo("Sequence number", Field.Sequence, "number of this segment's first data byte (a SYN or FIN counts as one)"),
        new FieldInfo("Acknowledgment number", Field.Acknowledgment, "next byte the sender expects from the other side (valid with ACK)"),
        new FieldInfo("Data offset", Field.DataOffset, "header length in 32-bit words; 5 means 20 bytes and no options"),
        new FieldInfo("Reserved", Field.Reserved, "must be zero"),
        new FieldInfo("Flags", Field.Flags, "NS CWR ECE URG ACK PSH RST SYN FIN: what this segment does (SYN opens, FIN closes, RST aborts, ACK acknowledges)"),
        new FieldInfo("Window", Field.Window, "bytes the sender can still receive, before scaling by the window-scale option"),
        new FieldInfo("Checksum", Field.Checksum, "ones' complement sum over a pseudo-header of the IP addresses, the header and the data"),
        new FieldInfo("Urgent pointer", Field.UrgentPointer, "end of urgent data when URG is set; unused by mail protocols"),
        new FieldInfo("Option", Field.Options, "a TCP option"),
    });

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    internal TcpView(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    /// <param name="length">The whole segment: header and data.</param>
    public static bool TryCreate(byte[] b, int offset, int length, out TcpView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Tcp, FrameErrorKind.OutOfRange, offset); return false; }
        int n = Check(b, offset, length, out error);
        if (n < 0) return false;
        view = new TcpView(b, offset, length);
        return true;
    }

    /// <summary>
    /// Every check of <see cref="TryCreate"/> but the slice's, for a range known to lie inside the array
    /// (the decoder checks the frame once; each inner header lies inside its parent's checked payload).
    /// Returns the header length in bytes, or -1 with the error. No view is made, so the decoder stores no array reference per layer.
    /// </summary>
    internal static int Check(byte[] b, int offset, int length, out FrameError error)
    {
        if (length < MinHeaderLength) return FrameError.Fail(out error, FrameLayer.Tcp, FrameErrorKind.Truncated, offset + length);
        int header = Read(b, offset, Field.DataOffset) * 4;
        if (header < MinHeaderLength) return FrameError.Fail(out error, FrameLayer.Tcp, FrameErrorKind.BadHeaderLength, offset + Field.DataOffset / Octet);
        if (header > length) return FrameError.Fail(out error, FrameLayer.Tcp, FrameErrorKind.Truncated, offset + length);
        error = default;
        return header;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;
    public int Length => _len;

    public int SourcePort => Read(_b, _o, Field.SourcePort);
    public int DestinationPort => Read(_b, _o, Field.DestinationPort);
    public uint SequenceNumber => Read32(_b, _o, Field.Sequence);
    public uint AcknowledgmentNumber => Read32(_b, _o, Field.Acknowledgment);
    public int HeaderLength => Read(_b, _o, Field.DataOffset) * 4;
    public int Reserved => Read(_b, _o, Field.Reserved);
    public TcpFlags Flags => (TcpFlags)Read(_b, _o, Field.Flags);
    public bool Fin => (Flags & TcpFlags.Fin) != 0;
    public bool Syn => (Flags & TcpFlags.Syn) != 0;
    public bool Rst => (Flags & TcpFlags.Rst) != 0;
    public bool Psh => (Flags & TcpFlags.Psh) != 0;
    public bool Ack => (Flags & TcpFlags.Ack) != 0;
    public bool Urg => (Flags & TcpFlags.Urg) != 0;
    public bool Ece => (Flags & TcpFlags.Ece) != 0;
    public bool Cwr => (Flags & TcpFlags.Cwr) != 0;
    public bool Ns => (Flags & TcpFlags.Ns) != 0;
    public int Window => Read(_b, _o, Field.Window);
    public int Checksum => Read(_b, _o, Field.Checksum);
    public int UrgentPointer => Read(_b, _o, Field.UrgentPointer);

    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;
    /// <summary>Sequence space the segment takes: its data, plus one each for SYN and FIN.</summary>
    public int SegmentLength => PayloadLength + (Syn ? 1 : 0) + (Fin ? 1 : 0);

    /// <summary>Checks the checksum over the whole segment given the IP layer's pseudo-header sum.</summary>
    public ChecksumStatus VerifyChecksum(uint pseudoHeaderSum) =>
        InternetChecksum.Verify(InternetChecksum.Add(_b, _o, _len, pseudoHeaderSum), pseudoHeaderSum, Checksum);

    // Options (RFC 9293 3.2, RFC 7323, RFC 2018).
    public int OptionsStart => _o + Field.Options / Octet;
    public int OptionsEnd => _o + HeaderLength;

    /// <summary>The option starting at <paramref name="at"/> (start with <see cref="OptionsStart"/>, advance by its Length).</summary>
    public bool TryReadOption(int at, out HeaderOption option) => HeaderOption.TryRead(_b, at, OptionsEnd, out option);

    public int OptionCount => HeaderOption.Count(_b, OptionsStart, OptionsEnd);

    /// <summary>The first well-formed option of <paramref name="kind"/> whose data is <paramref name="dataLength"/> bytes.</summary>
    public bool TryFindOption(int kind, int dataLength, out HeaderOption option)
    {
        for (int at = OptionsStart; TryReadOption(at, out option); at += option.Length)
            if (option.Kind == kind && !option.IsMalformed && option.DataLength == dataLength) return true;
        option = default;
        return false;
    }

    /// <summary>Maximum segment size the sender accepts (SYN only); -1 without the option.</summary>
    public int MaxSegmentSize => TryFindOption(OptionMss, 2, out var o) ? NetworkOrder.U16(_b, o.DataOffset) : -1;

    /// <summary>Window scale shift count (SYN only, RFC 7323 2.2); -1 without the option.</summary>
    public int WindowScale => TryFindOption(OptionWindowScale, 1, out var o) ? _b[o.DataOffset] : -1;

    public bool SackPermitted => TryFindOption(OptionSackPermitted, 0, out _);

    public bool TryGetTimestamps(out uint value, out uint echoReply)
    {
        value = echoReply = 0;
        if (!TryFindOption(OptionTimestamps, 8, out var o)) return false;
        value = NetworkOrder.U32(_b, o.DataOffset);
        echoReply = NetworkOrder.U32(_b, o.DataOffset + 4);
        return true;
    }

    /// <summary>SACK blocks (RFC 2018) in the first SACK option: each the left and right edge of data received.</summary>
    public int SackBlockCount
    {
        get
        {
            for (int at = OptionsStart; TryReadOption(at, out var o); at += o.Length)
                if (o.Kind == OptionSack && !o.IsMalformed) return o.DataLength / SackBlockLength;
            return 0;
        }
    }

    public bool TryGetSackBlock(int index, out uint left, out uint right)
    {
        left = right = 0;
        for (int at = OptionsStart; TryReadOption(at, out var o); at += o.Length)
        {
            if (o.Kind != OptionSack || o.IsMalformed) continue;
            if (index < 0 || index >= o.DataLength / SackBlockLength) return false;
            left = NetworkOrder.U32(_b, o.DataOffset + index * SackBlockLength);
            right = NetworkOrder.U32(_b, o.DataOffset + index * SackBlockLength + 4);
            return true;
        }
        return false;
    }

    /// <summary>Short text of one option: "MSS=1460", "WS=7", "TS=1/0", "SACK=1-2", unknown kinds as raw hex.</summary>
    public string OptionText(HeaderOption o)
    {
        if (o.IsMalformed) return "malformed:" + FrameText.Hex(_b, o.Offset, o.Length);
        string name = FrameNames.TcpOption(o.Kind);
        switch (o.Kind)
        {
            case OptionEnd:
            case OptionNop:
                return name;
            case OptionSackPermitted:
                if (o.DataLength == 0) return name;
                break;
            case OptionMss:
                if (o.DataLength == 2) return name + "=" + FrameText.Decimal(NetworkOrder.U16(_b, o.DataOffset));
                break;
            case OptionWindowScale:
                if (o.DataLength == 1) return name + "=" + FrameText.Decimal(_b[o.DataOffset]);
                break;
            case OptionTimestamps:
                if (o.DataLength == 8)
                    return name + "=" + FrameText.Decimal(NetworkOrder.U32(_b, o.DataOffset)) + "/" + FrameText.Decimal(NetworkOrder.U32(_b, o.DataOffset + 4));
                break;
            case OptionSack:
                if (o.DataLength % SackBlockLength == 0)
                {
                    string s = name + "=";
                    for (int i = 0; i < o.DataLength; i += SackBlockLength)
                        s += (i > 0 ? "," : "") + FrameText.Decimal(NetworkOrder.U32(_b, o.DataOffset + i)) + "-" + FrameText.Decimal(NetworkOrder.U32(_b, o.DataOffset + i + 4));
                    return s;
                }
                break;
        }
        return name + ":" + FrameText.Hex(_b, o.Offset, o.Length);
    }

    public static string OptionMeaning(int kind) => kind switch
    {
        OptionEnd => "end of the option list; the rest is padding",
        OptionNop => "one byte of padding so the next option starts on a word boundary",
        OptionMss => "largest segment the sender will accept, in bytes (SYN only)",
        OptionWindowScale => "shift count: the window field is multiplied by 2^n (SYN only)",
        OptionSackPermitted => "the sender understands selective acknowledgments (SYN only)",
        OptionSack => "ranges of sequence numbers received beyond a gap, so only the gap is resent",
        OptionTimestamps => "sender's clock value and the last one it received: round-trip time and wrap protection",
        _ => "an option this decoder does not name, kept raw",
    };

    /// <summary>Set flags from the lowest bit up, as Wireshark lists them: "SYN ACK", "PSH ACK", "FIN ACK".</summary>
    public static string FlagsText(TcpFlags flags)
    {
        if (flags == TcpFlags.None) return "none";
        string s = "";
        for (int bit = 0; bit < FlagNames.Length; bit++)
            if (((int)flags & (1 << bit)) != 0) s += (s.Length == 0 ? "" : " ") + FlagNames[bit];
        return s;
    }

    static string[]? s_flagNamesTable;
    static string[] FlagNames => s_flagNamesTable ?? (s_flagNamesTable = new string[] { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS" });

    public int FieldCount => Fields.Length - 1 + OptionCount;

    public DecodedField GetField(int index)
    {
        if (index < Fields.Length - 1)
        {
            var info = Fields[index];
            switch (index)
            {
                case 4: return DecodedField.Of(info, _b, _o, FrameText.Decimal(HeaderLength) + " bytes");
                case 6: return DecodedField.Of(info, _b, _o, FlagsText(Flags));
                case 8: return DecodedField.Of(info, _b, _o, FrameText.Hex(Checksum, 4));
                default: return DecodedField.Of(info, _b, _o, null);
            }
        }
        HeaderOption.TryReadAt(_b, OptionsStart, OptionsEnd, index - (Fields.Length - 1), out var option);
        var optInfo = new FieldInfo("Option " + FrameNames.TcpOption(option.Kind), (option.Offset - _o) * 8, option.Length * 8, OptionMeaning(option.Kind));
        return new DecodedField(optInfo, _b, _o, OptionText(option));
    }
}
