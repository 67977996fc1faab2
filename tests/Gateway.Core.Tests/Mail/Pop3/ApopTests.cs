using Gateway.Mail.Pop3;

namespace Gateway.Core.Tests.Mail.Pop3;

/// <summary>APOP (RFC 1939 section 7).</summary>
public class ApopTests
{
    [Fact]
    public void The_digest_of_the_rfc_example()
    {
        // RFC 1939 7: timestamp <1896.697170952@dbc.mtview.ca.us>, secret "tanstaaf".
        Assert.Equal("c4c9334bac560ecc979e58001b3e22fb", Apop.Digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"));
    }

    [Fact]
    public void The_timestamp_is_found_in_the_rfc_greeting()
    {
        Assert.Equal("<1896.697170952@dbc.mtview.ca.us>", Apop.FindTimestamp("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"));
    }

    [Theory]
    [InlineData("Dovecot ready.")]
    [InlineData("ready <no-at-sign>")]
    [InlineData("ready <unclosed@host")]
    [InlineData("ready <has space@host>")]
    [InlineData("ready <>")]
    public void A_greeting_without_a_timestamp_has_none(string greeting)
    {
        Assert.Null(Apop.FindTimestamp(greeting));
    }

    [Fact]
    public void An_overlong_timestamp_is_ignored()
    {
        Assert.Null(Apop.FindTimestamp("<" + new string('a', Apop.MaxTimestamp) + "@h>"));
    }

    [Fact]
    public void A_non_ascii_secret_is_hashed_as_utf8()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("<1.2@h>Grüße"u8));
        Assert.Equal(expected, Apop.Digest("<1.2@h>", "Grüße"));
    }
}
