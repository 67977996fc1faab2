using Gateway.Core.Frames;
using static Gateway.Core.Frames.FieldLayout;

namespace Gateway.Core.Frames.Tests;

public class FieldLayoutTests
{
    // 1011 0110  0101 1100  1110 0001  0011 1010  1000 0111
    static readonly byte[] Bytes = { 0xB6, 0x5C, 0xE1, 0x3A, 0x87 };

    [Fact]
    public void A_constant_says_where_its_field_starts_and_how_wide_it_is()
    {
        const int fragmentOffset = 6 * Octet + 3 * Bit + 13; // IPv4's, RFC 791 3.1
        Assert.Equal(51, BitOffset(fragmentOffset));
        Assert.Equal(13, Width(fragmentOffset));
        Assert.Equal(6, ByteOffset(fragmentOffset));
        Assert.Equal(320, BitOffset(40 * Octet));
        Assert.Equal(128, Width(24 * Octet + 128)); // an IPv6 address
    }

    [Theory]
    [InlineData(0 * Octet + 4, 0xB)]                    // high nibble
    [InlineData(0 * Octet + 4 * Bit + 4, 0x6)]          // low nibble
    [InlineData(0 * Octet + 8, 0xB6)]                   // a byte
    [InlineData(1 * Octet + 16, 0x5CE1)]                // two bytes
    [InlineData(0 * Octet + 7 * Bit + 9, 0x05C)]        // the last bit of one byte and the next byte (TCP's NS + flags)
    [InlineData(1 * Octet + 3 * Bit + 13, 0x1CE1)]      // across two bytes, as IPv4's fragment offset
    [InlineData(0 * Octet + 4 * Bit + 20, 0x65CE1)]     // across three bytes, as IPv6's flow label
    [InlineData(0 * Octet + 2 * Bit + 27, 0x6CB9C27)]   // across four bytes: the bit-by-bit path
    public void Read_gives_the_fields_bits_most_significant_first(int field, int expected)
    {
        Assert.Equal(expected, Read(Bytes, 0, field));
        Assert.Equal((ulong)expected, FrameText.ReadBits(Bytes, 0, BitOffset(field), Width(field)));
    }

    [Fact]
    public void Read_counts_from_the_headers_first_byte()
    {
        Assert.Equal(0xE1, Read(Bytes, 1, 1 * Octet + 8));
        Assert.Equal(0x5CE13A87u, Read32(Bytes, 1, 0 * Octet + 32));
    }
}
