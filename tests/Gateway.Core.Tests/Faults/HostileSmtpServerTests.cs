using System.Text;
using Gateway.App.Delivery;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Smtp;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// Servers that try to exhaust the device (issue 8): each ends in a clear error, in memory that does
/// not grow with what the server sends, with the alert kept for the next attempt and no credentials
/// sent where they should not be. Cases already covered elsewhere are not repeated here:
/// STARTTLS removed (SmtpClientTests.Starttls_not_offered_is_a_security_error_and_nothing_more_is_sent),
/// 454 to STARTTLS (Starttls_refused_with_454_ends_the_session_without_downgrade), an endless LOGIN
/// exchange (A_login_exchange_that_never_ends_is_cancelled), a 1,000-line reply
/// (SmtpReplyReaderTests.An_endless_multi_line_reply_is_cut_off).
/// </summary>
public class HostileSmtpServerTests
{
    const string Password = "s3cret-Pa55";
    const int TenMegabytes = 10 * 1024 * 1024;

    /// <summary>What the client may allocate while a hostile server sends megabytes: far below the input.</summary>
    const long AllocationBound = 64 * 1024;

    static readonly string PlainResponse = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0device@gateway.test\0" + Password));

    static SmtpOptions Options(TlsMode tls) => new()
    {
        Host = "mail.gateway.test",
        Port = 587,
        Tls = tls,
        User = "device@gateway.test",
        Password = Password,
        HeloName = "dev01.local",
    };

    static SmtpException ConnectFails(IChannel channel, TlsMode tls, out long allocated)
    {
        var client = new SmtpClient(new ReplayConnector(channel), Options(tls));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SmtpException>(client.Connect);
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return e;
    }

    [Fact]
    public void A_ten_megabyte_greeting_line_is_a_protocol_error_in_bounded_memory()
    {
        var server = new GeneratedChannel("220 ", "x", TenMegabytes, "\r\n");
        var e = ConnectFails(server, TlsMode.StartTls, out long allocated);
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Equal(SmtpStage.Greeting, e.Stage);
        Assert.Contains("longer than 1000 bytes", e.Message);
        Assert.True(allocated < AllocationBound, $"allocated {allocated} bytes");
        Assert.True(server.Served < 64 * 1024, $"read {server.Served} of {TenMegabytes} bytes before giving up");
        Assert.True(server.Closed);
        Assert.Equal("", server.Written);
    }

    [Fact]
    public void An_endless_multi_line_ehlo_reply_is_cut_off_in_bounded_memory_and_nothing_more_is_sent()
    {
        var server = new GeneratedChannel("220 mail.gateway.test\r\n", "250-AUTH PLAIN LOGIN\r\n", long.MaxValue, "");
        var e = ConnectFails(server, TlsMode.StartTls, out long allocated);
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Equal(SmtpStage.Hello, e.Stage);
        Assert.Contains("64 lines", e.Message);
        Assert.True(allocated < AllocationBound, $"allocated {allocated} bytes");
        Assert.True(server.Closed);
        Assert.Equal("EHLO dev01.local\r\n", server.Written); // no AUTH in clear, however loudly offered
    }

    [Fact]
    public void An_auth_plain_answered_with_empty_challenges_forever_is_cancelled_after_a_few()
    {
        // PLAIN answers an empty challenge by sending its response again (RFC 4954 4): a server that
        // never stops asking would have the password sent forever without the cap.
        var ch = new ReplayChannel()
            .Greet("220 x\r\n")
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 AUTH PLAIN\r\n")
            .Step("AUTH PLAIN " + PlainResponse + "\r\n", "334 \r\n");
        for (int i = 0; i < SmtpLimits.MaxSaslChallenges; i++)
            ch.Step(PlainResponse + "\r\n", "334 \r\n");
        ch.Step("*\r\n", "501 5.7.0 cancelled\r\n");
        var e = ConnectFails(ch, TlsMode.Implicit, out _);
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Equal(SmtpStage.Auth, e.Stage);
        Assert.Contains("more than " + SmtpLimits.MaxSaslChallenges + " challenges", e.Message);
        Assert.Contains("C: *", ch.Transcript); // RFC 4954 4: the exchange cancelled
        int sent = ch.Transcript.Split(PlainResponse).Length - 1;
        Assert.Equal(1 + SmtpLimits.MaxSaslChallenges, sent); // the initial response and one per challenge, then no more
        Assert.DoesNotContain(Password, e.Message);
    }

    [Fact]
    public void A_hostile_greeting_keeps_the_alert_in_the_outbox_for_retry()
    {
        var store = new MemoryStore();
        var clock = new ManualClock(new DateTime(2026, 11, 27, 8, 0, 0));
        var outbox = new Outbox(store, clock, NullLog.Instance, new Backoff(30_000, 3_600_000, new Random(1)), 8);
        outbox.Add(new OutboxEntry("h1@gateway.test", clock.UtcNow, ["ops@gateway.test"], "[dev] ALERT", "temperature 31\r\n"));
        var server = new GeneratedChannel("220 ", "x", TenMegabytes, "\r\n");
        var client = new SmtpClient(new ReplayConnector(server), Options(TlsMode.StartTls));

        var report = outbox.DeliverDue(client, "device@gateway.test", null);

        Assert.Equal(0, report.Sent);
        Assert.NotNull(report.Error);
        var kept = Assert.Single(outbox.Entries());
        Assert.Equal("h1@gateway.test", kept.MessageId);
        Assert.Equal(1, kept.Attempts);
        Assert.Contains("longer than 1000 bytes", kept.LastError);
        Assert.True(kept.NextAttemptUtc > clock.UtcNow);
        Assert.False(outbox.IsFailed("h1@gateway.test"));
    }
}
