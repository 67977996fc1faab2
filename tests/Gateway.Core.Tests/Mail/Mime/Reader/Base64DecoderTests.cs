using System.Text;
using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class Base64DecoderTests
{
    static (byte[] Bytes, int Invalid) Decode(string encoded, int chunk)
    {
        var decoder = new Base64Decoder();
        var src = Encoding.ASCII.GetBytes(encoded);
        var output = new List<byte>();
        var dest = new byte[Base64Decoder.MaxOutput(chunk)];
        for (int i = 0; i < src.Length; i += chunk)
        {
            int n = decoder.Decode(src, i, Math.Min(chunk, src.Length - i), dest, 0);
            output.AddRange(dest[..n]);
        }
        int m = decoder.Finish(dest, 0);
        output.AddRange(dest[..m]);
        return (output.ToArray(), decoder.Invalid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(76)]
    public void Decodes_like_Convert_in_chunks_of_any_size(int chunk)
    {
        var rng = new Random(chunk);
        var data = new byte[1000];
        rng.NextBytes(data);
        var encoded = Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks);
        var (bytes, invalid) = Decode(encoded, chunk);
        Assert.Equal(data, bytes);
        Assert.Equal(0, invalid);
    }

    [Fact]
    public void Missing_padding_still_gives_the_whole_bytes()
    {
        Assert.Equal(Encoding.ASCII.GetBytes("ab"), Decode("YWI", 4).Bytes);
    }

    [Fact]
    public void Joined_encodings_decode_after_padding()
    {
        Assert.Equal(Encoding.ASCII.GetBytes("aba"), Decode("YWI=YQ==", 3).Bytes);
    }

    [Fact]
    public void Characters_outside_the_alphabet_are_counted()
    {
        var (bytes, invalid) = Decode("YW!Jj*", 2);
        Assert.Equal(Encoding.ASCII.GetBytes("abc"), bytes);
        Assert.Equal(2, invalid);
    }
}
