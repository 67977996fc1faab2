using System.Text;
using Gateway.App.Commands;
using Gateway.Core.Crypto;
using SysHmac = System.Security.Cryptography.HMACSHA256;

namespace Gateway.Core.Tests.Core.Crypto;

public class HmacSha256Tests
{
    static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    static byte[] Repeat(byte b, int n) => Enumerable.Repeat(b, n).ToArray();

    // RFC 4231, section 4: test cases 1-7, HMAC-SHA-256 rows (case 5 truncated to 128 bits).
    public static TheoryData<string, byte[], byte[], string> Rfc4231 => new()
    {
        { "1", Repeat(0x0b, 20), Encoding.ASCII.GetBytes("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "2", Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "3", Repeat(0xaa, 20), Repeat(0xdd, 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "4", Bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), Repeat(0xcd, 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { "5", Repeat(0x0c, 20), Encoding.ASCII.GetBytes("Test With Truncation"),
            "a3b6167473100ee06e0c796c2955552b" },
        { "6", Repeat(0xaa, 131), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "7", Repeat(0xaa, 131), Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void RFC_4231_test_cases_give_their_MACs(string testCase, byte[] key, byte[] data, string expectedHex)
    {
        var mac = Convert.ToHexStringLower(HmacSha256.Compute(key, data));
        Assert.True(mac.StartsWith(expectedHex, StringComparison.Ordinal), "test case " + testCase);
    }

    [Fact]
    public void Thousands_of_random_keys_and_messages_match_System_Security_Cryptography()
    {
        var random = new Random(4231);
        for (int round = 0; round < 3000; round++)
        {
            // Keys around the 64-byte block (padded, exact, hashed first); messages around block boundaries.
            int keyLength = round % 4 == 0 ? random.Next(1, 300) : 64 + random.Next(-3, 4);
            int length = round % 3 == 0 ? random.Next(0, 3000) : 64 * random.Next(0, 4) + random.Next(-9, 10);
            if (length < 0) length = 0;
            var key = new byte[keyLength];
            var data = new byte[length];
            random.NextBytes(key);
            random.NextBytes(data);
            var hmac = new HmacSha256(key);
            int pos = 0;
            while (pos < length)
            {
                int n = Math.Min(length - pos, random.Next(0, 100));
                hmac.Update(data, pos, n);
                pos += n;
            }
            var expected = SysHmac.HashData(key, data);
            Assert.True(expected.AsSpan().SequenceEqual(hmac.Final()), "round " + round + ", key " + keyLength + ", length " + length);
        }
    }

    [Fact]
    public void After_Final_the_same_object_MACs_the_next_message_under_the_same_key()
    {
        var key = Encoding.ASCII.GetBytes("0123456789abcdef0123");
        var hmac = new HmacSha256(key);
        hmac.Update(Encoding.ASCII.GetBytes("first"));
        hmac.Final();
        hmac.Update(Encoding.ASCII.GetBytes("second"));
        Assert.Equal(SysHmac.HashData(key, Encoding.ASCII.GetBytes("second")), hmac.Final());
    }

    [Fact]
    public void Clear_wipes_the_key_so_later_MACs_no_longer_match()
    {
        var key = Encoding.ASCII.GetBytes("0123456789abcdef0123");
        var hmac = new HmacSha256(key);
        hmac.Clear();
        hmac.Update(Encoding.ASCII.GetBytes("x"));
        Assert.NotEqual(SysHmac.HashData(key, Encoding.ASCII.GetBytes("x")), hmac.Final());
    }
}
