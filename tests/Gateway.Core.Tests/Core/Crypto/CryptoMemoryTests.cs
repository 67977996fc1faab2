using Gateway.App.Commands;
using Gateway.Core.Crypto;

namespace Gateway.Core.Tests.Core.Crypto;

public class CryptoMemoryTests
{
    [Fact]
    public void Hashing_and_MACing_allocate_nothing_after_construction()
    {
        var data = new byte[1000];
        var digest = new byte[32];
        var sha = new Sha256();
        var hmac = new HmacSha256(new byte[32]);
        sha.Update(data, 0, data.Length); // warm up (JIT)
        sha.Final(digest, 0);
        hmac.Update(data, 0, data.Length);
        hmac.Final(digest, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            sha.Update(data, 0, data.Length);
            sha.Final(digest, 0);
            hmac.Update(data, 0, data.Length);
            hmac.Final(digest, 0);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
