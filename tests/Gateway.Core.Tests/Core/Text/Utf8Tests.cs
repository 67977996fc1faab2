using System.Text;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

/// <summary>The core's UTF-8 must agree with .NET's Encoding.UTF8, the reference, byte for byte.</summary>
public class Utf8Tests
{
    static readonly Encoding Reference = Encoding.UTF8;
    static readonly Encoding Strict = new UTF8Encoding(false, throwOnInvalidBytes: true);

    [Fact]
    public void Every_scalar_value_encodes_and_decodes_as_the_reference_does()
    {
        var buf = new byte[4];
        int checkedCount = 0;
        for (int cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            var s = char.ConvertFromUtf32(cp);
            var expected = Reference.GetBytes(s);
            int n = Utf8.Encode(s, 0, s.Length, buf, 0);
            Assert.True(expected.AsSpan().SequenceEqual(buf.AsSpan(0, n)), $"encode U+{cp:X4}");
            Assert.Equal(expected.Length, Utf8.GetByteCount(s));
            Assert.Equal(s, Utf8.Decode(expected, 0, expected.Length));
            checkedCount++;
        }
        Assert.Equal(0x110000 - 0x800, checkedCount);
    }

    [Theory]
    [InlineData("\uD800")]
    [InlineData("a\uDC00b")]
    [InlineData("\uDBFF\uDBFF\uDFFF")]
    [InlineData("x\uD83D")]
    public void Lone_surrogates_encode_as_the_replacement_character(string s)
    {
        var expected = Reference.GetBytes(s);
        Assert.Equal(expected, Utf8.GetBytes(s));
        Assert.Equal(expected.Length, Utf8.GetByteCount(s));
    }

    [Fact]
    public void Every_one_and_two_byte_sequence_decodes_as_the_reference_does()
    {
        var one = new byte[1];
        for (int a = 0; a < 256; a++)
        {
            one[0] = (byte)a;
            Assert.Equal(Reference.GetString(one), Utf8.Decode(one, 0, 1));
        }
        var two = new byte[2];
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++)
            {
                two[0] = (byte)a;
                two[1] = (byte)b;
                Assert.Equal(Reference.GetString(two), Utf8.Decode(two, 0, 2));
            }
    }

    [Fact]
    public void Random_invalid_and_truncated_sequences_decode_as_the_reference_does()
    {
        // Bytes drawn mostly from the interesting ranges (lead bytes, continuation bytes, edges).
        byte[] pool = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                       0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF];
        var rng = new Random(20261127);
        for (int iter = 0; iter < 200_000; iter++)
        {
            var b = new byte[1 + rng.Next(8)];
            for (int i = 0; i < b.Length; i++)
                b[i] = rng.Next(4) == 0 ? (byte)rng.Next(256) : pool[rng.Next(pool.Length)];
            var expected = Reference.GetString(b);
            var actual = Utf8.Decode(b, 0, b.Length);
            Assert.True(expected == actual, $"decode {Convert.ToHexString(b)}: expected {Escape(expected)}, got {Escape(actual)}");
            Assert.Equal(StrictlyValid(b), Utf8.IsValid(b, 0, b.Length));
        }
    }

    [Fact]
    public void Decode_reads_only_the_given_slice()
    {
        var b = "xxhéllo"u8.ToArray();
        Assert.Equal("hé", Utf8.Decode(b, 2, 3));
        // A slice that cuts a two-byte sequence in half shows the cut, not the byte beyond it.
        Assert.Equal("h\uFFFD", Utf8.Decode(b, 2, 2));
    }

    [Fact]
    public void Encode_refuses_a_destination_that_is_too_small()
    {
        var ex = Assert.Throws<ArgumentException>(() => Utf8.Encode("€", 0, 1, new byte[2], 0));
        Assert.Contains("too small", ex.Message);
    }

    static bool StrictlyValid(byte[] b)
    {
        try
        {
            Strict.GetString(b);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    static string Escape(string s) => string.Concat(s.Select(c => c < 0x7F && c >= 0x20 ? c.ToString() : $"\\u{(int)c:X4}"));
}
