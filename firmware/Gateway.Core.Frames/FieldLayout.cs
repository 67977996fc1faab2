#if !(NANOFRAMEWORK || NANOFRAMEWORK_1_0)
using System.Runtime.CompilerServices;
#endif

namespace Gateway.Core.Frames;

/// <summary>
/// A header field's place, written once as one constant: <c>byte * Octet + bit * Bit + width</c>, e.g.
/// IPv4's fragment offset is <c>6 * Octet + 3 * Bit + 13</c> (byte 6, after 3 bits, 13 bits wide), as the
/// RFC's diagram draws it. A view's accessors read their field through these constants and its
/// explanation table (<see cref="FieldInfo"/>) is made from the same ones, so the two cannot disagree.
/// </summary>
public static class FieldLayout
{
    /// <summary>One bit into the field's first byte (0-7).</summary>
    public const int Bit = 256;
    /// <summary>One byte into the header; a field's position divided by it is its first byte.</summary>
    public const int Octet = 8 * Bit;

    /// <summary>Bits from the header's first bit to the field's.</summary>
    public static int BitOffset(int field) => field >> 8;

    /// <summary>Width in bits (at most 255; 0 for a part whose length the header says, such as options).</summary>
    public static int Width(int field) => field & 0xFF;

    /// <summary>Bytes from the header's first byte to the field's first byte.</summary>
    public static int ByteOffset(int field) => field / Octet;

    /// <summary>
    /// The field's value, for fields of up to 31 bits (32-bit fields: <see cref="Read32"/>). Inlined on
    /// .NET, where a constant field folds to the one-, two- or three-byte read it needs; the device's
    /// interpreter calls it.
    /// </summary>
#if !(NANOFRAMEWORK || NANOFRAMEWORK_1_0)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#endif
    public static int Read(byte[] b, int header, int field)
    {
        int at = header + field / Octet;
        int end = (field >> 8 & 7) + (field & 0xFF); // the field's last bit, counted from its first byte
        int mask = (1 << (field & 0xFF)) - 1;
        if (end <= 8) return b[at] >> (8 - end) & mask;
        if (end <= 16) return ((b[at] << 8) | b[at + 1]) >> (16 - end) & mask;
        if (end <= 24) return ((b[at] << 16) | (b[at + 1] << 8) | b[at + 2]) >> (24 - end) & mask;
        return (int)FrameText.ReadBits(b, header, field >> 8, field & 0xFF);
    }

    /// <summary>A 32-bit field that starts on a byte (sequence numbers, IPv4 addresses).</summary>
#if !(NANOFRAMEWORK || NANOFRAMEWORK_1_0)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#endif
    public static uint Read32(byte[] b, int header, int field) => NetworkOrder.U32(b, header + field / Octet);
}
