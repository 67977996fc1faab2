using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>A UDP header (RFC 768) over caller-owned bytes; the checked view guarantees its length field fits the slice.</summary>
public readonly struct UdpView
{
    /// <summary>Where each field is (RFC 768), as <see cref="FieldLayout"/> constants.</summary>
    public static class Field
    {
        public const int SourcePort = 0 * Octet + 16;
        public const int DestinationPort = 2 * Octet + 16;
        public const int Length = 4 * Octet + 16;
        public const int Checksum = 6 * Octet + 16;
    }

    public const int HeaderLength = 8;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static FieldInfo[]? s_fieldsTable;
    static FieldInfo[] Fields => s_fieldsTable ?? (s_fieldsTable = new FieldInfo[] {
        new FieldInfo("Source port", Field.SourcePort, "the sender's port, where replies go (53 DNS, 123 NTP, 67/68 DHCP)"),
        new FieldInfo("Destination port", Field.DestinationPort, "the receiver's port: which service gets the datagram"),
        new FieldInfo("Length", Field.Length, "bytes in the datagram, this 8-byte header included"),
        new FieldInfo("Checksum", Field.Checksum, "ones' complement sum over a pseudo-header, header and data; 0 over IPv4 means none sent"),
    });

    readonly byte[] _b;
    readonly int _o;

    internal UdpView(byte[] b, int offset)
    {
        _b = b;
        _o = offset;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out UdpView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Udp, FrameErrorKind.OutOfRange, offset); return false; }
        int n = Check(b, offset, length, out error);
        if (n < 0) return false;
        view = new UdpView(b, offset);
        return true;
    }

    /// <summary>
    /// Every check of <see cref="TryCreate"/> but the slice's, for a range known to lie inside the array
    /// (the decoder checks the frame once; each inner header lies inside its parent's checked payload).
    /// Returns the UDP length field, or -1 with the error. No view is made, so the decoder stores no array reference per layer.
    /// </summary>
    internal static int Check(byte[] b, int offset, int length, out FrameError error)
    {
        if (length < HeaderLength) return FrameError.Fail(out error, FrameLayer.Udp, FrameErrorKind.Truncated, offset + length);
        int total = Read(b, offset, Field.Length);
        if (total < HeaderLength) return FrameError.Fail(out error, FrameLayer.Udp, FrameErrorKind.BadTotalLength, offset + Field.Length / Octet);
        if (total > length) return FrameError.Fail(out error, FrameLayer.Udp, FrameErrorKind.Truncated, offset + length);
        error = default;
        return total;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;

    public int SourcePort => Read(_b, _o, Field.SourcePort);
    public int DestinationPort => Read(_b, _o, Field.DestinationPort);
    public int Length => Read(_b, _o, Field.Length);
    public int Checksum => Read(_b, _o, Field.Checksum);
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => Length - HeaderLength;

    /// <summary>
    /// Checks the checksum given the IP layer's pseudo-header sum. A zero field means "not computed",
    /// allowed over IPv4 only (RFC 768; RFC 8200 8.1 forbids it over IPv6).
    /// </summary>
    public ChecksumStatus VerifyChecksum(uint pseudoHeaderSum, bool overIpv6)
    {
        if (Checksum == 0) return overIpv6 ? ChecksumStatus.Invalid : ChecksumStatus.NotVerifiable;
        return InternetChecksum.Verify(InternetChecksum.Add(_b, _o, Length, pseudoHeaderSum), pseudoHeaderSum, Checksum);
    }

    public int FieldCount => Fields.Length;

    public DecodedField GetField(int index) =>
        DecodedField.Of(Fields[index], _b, _o, index == 3 ? FrameText.Hex(Checksum, 4) : null);
}
