using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class Base64UrlTests
{
    [Fact]
    public void Encoding_matches_dotnet_Base64Url_for_random_lengths()
    {
        var random = new Random(7);
        for (int n = 0; n < 70; n++)
        {
            var data = new byte[n];
            random.NextBytes(data);
            string s = Base64Url.Encode(data);
            Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(data), s);
            Assert.Equal(data, Base64Url.Decode(s));
        }
    }

    [Theory]
    [InlineData("q83vEjRWeJCrze8SNFZ4k+")] // '+' is not base64url
    [InlineData("q83vEjRWeJCrze8SNFZ4kA==")] // padding is not written
    [InlineData("q83vEjRWeJCrze8SNFZ4kB")] // unused low bits set: not canonical
    [InlineData("A")]
    public void Non_canonical_or_foreign_text_is_refused(string s) => Assert.Null(Base64Url.Decode(s));
}
