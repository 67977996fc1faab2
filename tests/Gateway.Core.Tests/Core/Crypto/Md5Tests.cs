using System.Text;
using Gateway.Core.Crypto;

namespace Gateway.Core.Tests.Core.Crypto;

public class Md5Tests
{
    static string Hex(string s)
    {
        var b = Encoding.ASCII.GetBytes(s);
        return Md5.ToHex(Md5.Hash(b, 0, b.Length));
    }

    /// <summary>RFC 1321 appendix A.5, the test suite.</summary>
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Rfc1321_test_suite(string input, string md5)
    {
        Assert.Equal(md5, Hex(input));
    }

    [Fact]
    public void Agrees_with_the_platform_on_random_inputs_of_every_length_around_the_block_edges()
    {
        var rng = new Random(1321);
        for (int length = 0; length < 300; length++)
        {
            var data = new byte[length];
            rng.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.MD5.HashData(data), Md5.Hash(data, 0, data.Length));
        }
    }

    [Fact]
    public void Appending_in_pieces_gives_the_same_hash()
    {
        var rng = new Random(7);
        var md5 = new Md5();
        for (int round = 0; round < 50; round++)
        {
            var data = new byte[rng.Next(5000)];
            rng.NextBytes(data);
            for (int i = 0; i < data.Length;)
            {
                int n = Math.Min(rng.Next(1, 130), data.Length - i);
                md5.Append(data, i, n);
                i += n;
            }
            // Finish resets, so the same instance serves the next round.
            Assert.Equal(System.Security.Cryptography.MD5.HashData(data), md5.Finish());
        }
    }

    [Fact]
    public void Hashes_a_slice_of_a_larger_array()
    {
        var b = Encoding.ASCII.GetBytes("xxabcyy");
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", Md5.ToHex(Md5.Hash(b, 2, 3)));
    }
}
