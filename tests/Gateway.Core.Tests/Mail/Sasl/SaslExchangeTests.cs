using Gateway.Core.Net;
using Gateway.Mail.Sasl;

namespace Gateway.Core.Tests.Mail.Sasl;

/// <summary>
/// The one SASL exchange both clients run (RFC 4954 4, RFC 5034 4), against a scripted server side:
/// what goes out, what a log may show, when it ends.
/// </summary>
public class SaslExchangeTests
{
    /// <summary>A protocol that sends lines to a list and reads its replies from a script: "+text" a challenge, anything else the final reply.</summary>
    sealed class Scripted(int maxCommandLine, params string[] replies) : SaslExchange
    {
        int _next;
        public readonly List<string> Sent = [];
        public readonly List<string> Logged = [];
        public string? Final;

        protected override int MaxCommandLine => maxCommandLine;

        protected override void Send(string line, int shown)
        {
            Sent.Add(line);
            Logged.Add(Shown(line, shown));
        }

        protected override bool ReadChallenge(out string challenge)
        {
            var reply = replies[_next++];
            bool isChallenge = reply.StartsWith('+');
            challenge = isChallenge ? reply[1..] : "";
            Final = isChallenge ? null : reply;
            return isChallenge;
        }
    }

    const string PlainResponse = "AHVzZXIAcGFzcw=="; // \0user\0pass

    [Fact]
    public void Plain_goes_out_with_the_command_and_the_log_shows_only_the_mechanism()
    {
        var x = new Scripted(255, "ok");
        x.Run(new SaslPlain("user", "pass"));
        Assert.Equal(["AUTH PLAIN " + PlainResponse], x.Sent);
        Assert.Equal(["AUTH PLAIN ********"], x.Logged);
        Assert.Equal("ok", x.Final);
    }

    [Fact]
    public void An_initial_response_too_long_for_the_command_line_answers_the_first_empty_challenge()
    {
        var x = new Scripted(20, "+", "ok");
        x.Run(new SaslPlain("user", "pass"));
        Assert.Equal(["AUTH PLAIN", PlainResponse], x.Sent);
        Assert.Equal(["AUTH PLAIN", SaslExchange.Mask], x.Logged);
    }

    [Fact]
    public void Login_answers_two_challenges_and_every_answer_is_masked()
    {
        var x = new Scripted(255, "+VXNlcm5hbWU6", "+UGFzc3dvcmQ6", "ok");
        x.Run(new SaslLogin("user", "pass"));
        Assert.Equal(3, x.Sent.Count);
        Assert.Equal(["AUTH LOGIN", SaslExchange.Mask, SaslExchange.Mask], x.Logged);
    }

    [Fact]
    public void Endless_challenges_are_cancelled_after_the_limit_and_the_refusal_is_read()
    {
        var replies = Enumerable.Repeat("+", SaslExchange.MaxChallenges + 1).Append("refused").ToArray();
        var x = new Scripted(255, replies);
        var e = Assert.Throws<SaslException>(() => x.Run(new SaslPlain("user", "pass")));
        Assert.Contains("more than " + SaslExchange.MaxChallenges + " challenges", e.Message);
        Assert.Equal(1 + SaslExchange.MaxChallenges, x.Sent.Count(l => l.Contains(PlainResponse)));
        Assert.Equal("*", x.Sent[^1]);
        Assert.Equal("refused", x.Final); // the server's answer to "*" was read, not left on the wire
    }

    [Fact]
    public void A_mechanism_that_refuses_a_challenge_cancels_the_exchange()
    {
        var x = new Scripted(255, "+a", "+b", "+c", "refused");
        Assert.Throws<SaslException>(() => x.Run(new SaslLogin("user", "pass")));
        Assert.Equal("*", x.Sent[^1]);
        Assert.DoesNotContain(x.Logged, l => l.Contains("cGFzcw", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, TlsMode.StartTls, false, true)]
    [InlineData(false, TlsMode.StartTls, true, false)]
    [InlineData(false, TlsMode.None, false, false)]
    [InlineData(false, TlsMode.None, true, true)]
    public void Credentials_cross_only_encrypted_or_a_declared_test_server(bool encrypted, TlsMode tls, bool allowPlain, bool may)
    {
        Assert.Equal(may, SaslExchange.MaySendCredentials(encrypted, tls, allowPlain));
    }
}
