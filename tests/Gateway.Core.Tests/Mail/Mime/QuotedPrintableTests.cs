using System.Text;
using Gateway.Core.Text;
using Gateway.Mail.Mime;
using MimeKitQpDecoder = MimeKit.Encodings.QuotedPrintableDecoder;

namespace Gateway.Core.Tests.Mail.Mime;

public class QuotedPrintableTests
{
    static string Encode(string latin1) => Encoding.Latin1.GetString(QuotedPrintable.Encode(Encoding.Latin1.GetBytes(latin1)));

    static string Decode(string qp) => Encoding.Latin1.GetString(QuotedPrintable.Decode(Encoding.Latin1.GetBytes(qp)));

    static byte[] DecodeWithMimeKit(byte[] encoded)
    {
        var decoder = new MimeKitQpDecoder();
        var output = new byte[decoder.EstimateOutputLength(encoded.Length)];
        int n = decoder.Decode(encoded, 0, encoded.Length, output);
        return output[..n];
    }

    /// <summary>Bytes that stress the encoder: line breaks of every kind, blanks before them, '=' and 8-bit.</summary>
    static byte[] RandomBytes(Random rng, int length)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++)
        {
            b[i] = rng.Next(8) switch
            {
                0 => (byte)'\r',
                1 => (byte)'\n',
                2 => (byte)' ',
                3 => (byte)'\t',
                4 => (byte)'=',
                5 => (byte)rng.Next(256),
                _ => (byte)rng.Next(33, 127),
            };
        }
        return b;
    }

    static void AssertWellFormed(byte[] encoded)
    {
        var text = Encoding.Latin1.GetString(encoded);
        Assert.All(encoded, b => Assert.True(b < 0x80));
        var lines = text.Split("\r\n");
        foreach (var line in lines)
        {
            Assert.True(line.Length <= QuotedPrintable.MaxLineLength, $"line of {line.Length}: {line}");
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            if (line.Length > 0) Assert.False(line[^1] == ' ' || line[^1] == '\t', "trailing blank: " + line);
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] != '=') continue;
                if (i == line.Length - 1) break; // soft break
                Assert.True(i + 2 < line.Length, "=XX split: " + line);
                Assert.Matches("^[0-9A-F]{2}$", line.Substring(i + 1, 2));
                i += 2;
            }
        }
    }

    [Fact]
    public void Random_bytes_round_trip_through_mimekits_decoder_within_line_limits()
    {
        var rng = new Random(2045);
        for (int round = 0; round < 500; round++)
        {
            var input = RandomBytes(rng, rng.Next(0, 400));
            var encoded = QuotedPrintable.Encode(input);
            AssertWellFormed(encoded);
            Assert.Equal(input, DecodeWithMimeKit(encoded));
        }
    }

    [Fact]
    public void Random_bytes_round_trip_through_our_decoder_in_any_chunking()
    {
        var rng = new Random(76);
        for (int round = 0; round < 500; round++)
        {
            var input = RandomBytes(rng, rng.Next(0, 400));
            var encoded = QuotedPrintable.Encode(input);
            Assert.Equal(input, QuotedPrintable.Decode(encoded));
            Assert.Equal(input, DecodeInChunks(encoded, rng));
        }
    }

    static byte[] DecodeInChunks(byte[] encoded, Random rng)
    {
        var decoder = new QuotedPrintableDecoder();
        var result = new List<byte>();
        var dest = new byte[16 + QuotedPrintableDecoder.MaxHeld];
        for (int i = 0; i < encoded.Length;)
        {
            int n = Math.Min(1 + rng.Next(16), encoded.Length - i);
            int written = decoder.Decode(encoded, i, n, dest, 0);
            Assert.True(written <= n + QuotedPrintableDecoder.MaxHeld);
            result.AddRange(dest[..written]);
            i += n;
        }
        result.AddRange(dest[..decoder.Finish(dest, 0)]);
        return result.ToArray();
    }

    [Theory]
    [InlineData("plain text\r\n", "plain text\r\n")]
    [InlineData("a=b", "a=3Db")]
    [InlineData("caf\u00e9", "caf=E9")]
    [InlineData("trailing space \r\nand tab\t\r\nend ", "trailing space=20\r\nand tab=09\r\nend=20")]
    [InlineData("bare\nlf and bare\rcr", "bare=0Alf and bare=0Dcr")]
    [InlineData("  inner  blanks  stay", "  inner  blanks  stay")]
    public void Encodes_as_rfc2045_section_6_7_says(string input, string expected)
    {
        Assert.Equal(expected, Encode(input));
    }

    [Fact]
    public void Long_lines_get_soft_breaks_at_76()
    {
        var encoded = Encode(new string('a', 200) + "\r\n" + new string('b', 76));
        var lines = encoded.Split("\r\n");
        Assert.Equal(new string('a', 75) + "=", lines[0]);
        Assert.Equal(new string('a', 75) + "=", lines[1]);
        Assert.Equal(new string('a', 50), lines[2]);
        Assert.Equal(new string('b', 76), lines[3]); // a last line of exactly 76 needs no soft break
    }

    [Fact]
    public void An_escape_is_never_split_by_a_soft_break()
    {
        var encoded = Encode(new string('\u00e9', 100));
        foreach (var line in encoded.Split("\r\n"))
        {
            var content = line.EndsWith('=') && line.Length % 3 == 1 ? line[..^1] : line;
            Assert.Equal(0, content.Length % 3);
            Assert.True(line.Length <= 76);
        }
        Assert.Equal(new string('\u00e9', 100), Decode(encoded));
    }

    [Theory]
    [InlineData("caf=e9", "caf\u00e9")]                     // lowercase hex
    [InlineData("soft=\r\nbreak", "softbreak")]
    [InlineData("soft=\nbreak with lf", "softbreak with lf")]
    [InlineData("padded soft= \t \r\nbreak", "padded softbreak")]
    [InlineData("trailing blanks   \r\nremoved\t\r\n", "trailing blanks\r\nremoved\r\n")]
    [InlineData("blank at end  ", "blank at end")]
    [InlineData("bad =G1 kept", "bad =G1 kept")]
    [InlineData("bad =4 kept", "bad =4 kept")]
    [InlineData("= then text", "= then text")]
    [InlineData("==41", "=A")]
    [InlineData("ends in =", "ends in ")]
    [InlineData("ends in =4", "ends in =4")]
    [InlineData("blanks before =\r\nsoft break", "blanks before soft break")]
    public void Decoder_is_tolerant(string input, string expected)
    {
        Assert.Equal(expected, Decode(input));
        // The same in one-byte chunks.
        var rng = new Random(1);
        var bytes = Encoding.Latin1.GetBytes(input);
        var decoder = new QuotedPrintableDecoder();
        var result = new List<byte>();
        var dest = new byte[1 + QuotedPrintableDecoder.MaxHeld];
        for (int i = 0; i < bytes.Length; i++)
            result.AddRange(dest[..decoder.Decode(bytes, i, 1, dest, 0)]);
        result.AddRange(dest[..decoder.Finish(dest, 0)]);
        Assert.Equal(expected, Encoding.Latin1.GetString(result.ToArray()));
    }

    [Fact]
    public void Encoder_matches_mimekits_reading_of_utf8_text()
    {
        var text = "Température 31,5 °C — au-dessus du seuil 🔥 " + new string('x', 100) + " \r\n.dot line\r\n";
        var encoded = QuotedPrintable.Encode(Encoding.UTF8.GetBytes(text));
        AssertWellFormed(encoded);
        Assert.Equal(text, Encoding.UTF8.GetString(DecodeWithMimeKit(encoded)));
    }
}
