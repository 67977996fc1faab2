using System.Text;
using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class CharsetDecoderTests
{
    static string Decode(byte[] bytes, CharsetKind kind, int chunk, out int invalid)
    {
        var buffer = new TextBuffer(10000);
        var decoder = new CharsetDecoder();
        decoder.Start(kind);
        for (int i = 0; i < bytes.Length; i += chunk)
            decoder.Decode(bytes, i, Math.Min(chunk, bytes.Length - i), buffer);
        decoder.Finish(buffer);
        invalid = decoder.Invalid;
        return buffer.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Utf8_split_anywhere_decodes_as_Encoding_UTF8_does(int chunk)
    {
        var text = "Gr\u00fc\u00dfe \u20ac \U0001F642 \u65e5\u672c";
        Assert.Equal(text, Decode(Encoding.UTF8.GetBytes(text), CharsetKind.Utf8, chunk, out int invalid));
        Assert.Equal(0, invalid);
    }

    [Fact]
    public void Ill_formed_utf8_is_replaced_as_Encoding_UTF8_replaces_it()
    {
        var rng = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[rng.Next(1, 40)];
            for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)(rng.Next(3) == 0 ? rng.Next(0x80) : rng.Next(0x80, 0x100));
            var expected = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n").Replace('\r', '\n');
            Assert.Equal(expected, Decode(bytes, CharsetKind.Utf8, 1 + i % 3, out _));
        }
    }

    [Fact]
    public void Windows_1252_matches_the_dot_net_code_page()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = new byte[256 - 0x20];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i + 0x20);
        var expected = Encoding.GetEncoding(1252).GetString(bytes);
        var actual = Decode(bytes, CharsetKind.Windows1252, 7, out _);
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D) continue; // unassigned: kept as C1 controls
            Assert.Equal(expected[i], actual[i]);
        }
    }
}
