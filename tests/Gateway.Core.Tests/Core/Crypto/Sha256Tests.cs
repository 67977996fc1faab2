using System.Text;
using Gateway.App.Commands;
using Gateway.Core.Crypto;
using SysSha256 = System.Security.Cryptography.SHA256;

namespace Gateway.Core.Tests.Core.Crypto;

public class Sha256Tests
{
    static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    static string HashOf(string ascii) => Hex(Sha256.Hash(Encoding.ASCII.GetBytes(ascii)));

    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and "SHA2_Additional.pdf").
    [Fact]
    public void Abc_gives_the_FIPS_180_4_one_block_digest() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HashOf("abc"));

    [Fact]
    public void The_448_bit_message_gives_the_FIPS_180_4_two_block_digest() =>
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            HashOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));

    [Fact]
    public void The_896_bit_message_gives_its_FIPS_180_4_digest() =>
        Assert.Equal("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            HashOf("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"));

    [Fact]
    public void One_million_a_fed_in_odd_chunks_gives_its_FIPS_180_4_digest()
    {
        var sha = new Sha256();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 997));
        int left = 1_000_000;
        while (left > 0)
        {
            int n = Math.Min(left, chunk.Length);
            sha.Update(chunk, 0, n);
            left -= n;
        }
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex(sha.Final()));
    }

    [Fact]
    public void The_empty_message_gives_the_known_digest() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HashOf(""));

    [Fact]
    public void Random_inputs_of_every_length_to_300_match_System_Security_Cryptography()
    {
        var random = new Random(20261127);
        for (int length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.True(SysSha256.HashData(data).AsSpan().SequenceEqual(Sha256.Hash(data)), "length " + length);
        }
    }

    [Fact]
    public void Thousands_of_random_inputs_fed_in_random_pieces_match_System_Security_Cryptography()
    {
        var random = new Random(5);
        var sha = new Sha256(); // reused: Final must leave it ready for the next message
        for (int round = 0; round < 3000; round++)
        {
            // Mostly around the 64-byte block and the 56-byte padding boundaries, sometimes long.
            int length = round % 3 == 0 ? random.Next(0, 5000) : 64 * random.Next(0, 4) + random.Next(-9, 10);
            if (length < 0) length = 0;
            var data = new byte[length + 7];
            random.NextBytes(data);
            int offset = random.Next(0, 8);
            int pos = offset, end = offset + length;
            while (pos < end)
            {
                int n = Math.Min(end - pos, random.Next(0, 130));
                sha.Update(data, pos, n);
                pos += n;
            }
            var expected = SysSha256.HashData(data.AsSpan(offset, length));
            Assert.True(expected.AsSpan().SequenceEqual(sha.Final()), "round " + round + ", length " + length);
        }
    }

    [Fact]
    public void Final_writes_at_an_offset_and_leaves_the_rest_untouched()
    {
        var sha = new Sha256();
        sha.Update(Encoding.ASCII.GetBytes("abc"));
        var output = new byte[40];
        output[0] = 0xEE;
        output[39] = 0xEE;
        sha.Final(output, 4);
        Assert.Equal(0xEE, output[0]);
        Assert.Equal(0xEE, output[39]);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(output[4..36]));
    }

    [Fact]
    public void An_update_beyond_the_array_is_refused()
    {
        var sha = new Sha256();
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Update(new byte[10], 5, 6));
    }
}
