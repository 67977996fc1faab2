using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames;

/// <summary>
/// BSD loopback header (LINKTYPE_NULL, 0): a 4-byte address family in the byte order of the host
/// that captured, so both orders are accepted (a family is always below 65536).
/// </summary>
public readonly struct LoopbackView
{
    /// <summary>Where the one field is, as a <see cref="FieldLayout"/> constant.</summary>
    public static class Field
    {
        public const int Family = 0 * Octet + 32;
    }

    public const int HeaderLength = 4;

    public const int FamilyInet = 2;
    // AF_INET6 differs per BSD: 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS.
    public const int FamilyInet6NetBsd = 24;
    public const int FamilyInet6FreeBsd = 28;
    public const int FamilyInet6Darwin = 30;

    // A value made when asked: a static field would be set by a static constructor at boot.
    static FieldInfo FamilyField => new FieldInfo("Family", Field.Family, "address family of the payload in the capturing host's byte order: 2 IPv4, 24/28/30 IPv6");

    readonly byte[] _b;
    readonly int _o;
    readonly int _len;

    LoopbackView(byte[] b, int offset, int length)
    {
        _b = b;
        _o = offset;
        _len = length;
    }

    public static bool TryCreate(byte[] b, int offset, int length, out LoopbackView view, out FrameError error)
    {
        view = default;
        if (!NetworkOrder.IsSlice(b, offset, length)) { error = new FrameError(FrameLayer.Loopback, FrameErrorKind.OutOfRange, offset); return false; }
        if (length < HeaderLength) { error = new FrameError(FrameLayer.Loopback, FrameErrorKind.Truncated, offset + length); return false; }
        view = new LoopbackView(b, offset, length);
        error = default;
        return true;
    }

    public byte[] Buffer => _b;
    public int Offset => _o;

    /// <summary>The family, whichever byte order the capturing host used.</summary>
    public uint Family
    {
        get
        {
            uint big = Read32(_b, _o, Field.Family);
            uint little = (big >> 24) | (big >> 8 & 0xFF00) | (big << 8 & 0xFF0000) | (big << 24);
            return big <= 0xFFFF ? big : little;
        }
    }

    public bool IsIpv4 => Family == FamilyInet;
    public bool IsIpv6 => Family == FamilyInet6NetBsd || Family == FamilyInet6FreeBsd || Family == FamilyInet6Darwin;
    public int PayloadOffset => _o + HeaderLength;
    public int PayloadLength => _len - HeaderLength;

    public int FieldCount => 1;

    public DecodedField GetField(int index) =>
        DecodedField.Of(FamilyField, _b, _o, FrameText.Decimal(Family) + (IsIpv4 ? " (IPv4)" : IsIpv6 ? " (IPv6)" : ""));
}
