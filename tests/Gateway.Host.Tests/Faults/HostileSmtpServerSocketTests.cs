using System.Collections.Concurrent;
using System.Diagnostics;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Platform;
using Gateway.Host.Tests.Support;

namespace Gateway.Host.Tests.Faults;

/// <summary>
/// Hostile SMTP servers where time and real TLS matter, over loopback sockets, with the whole device
/// loop (GatewayApp, outbox, SMTP client, host connector): a clear error within the configured
/// timeout, the alert kept for the next attempt, no AUTH sent to a server that was not verified.
/// The certificate checks themselves are SocketConnectorTests; here they are seen from the alert's side.
/// </summary>
public class HostileSmtpServerSocketTests
{
    const string Password = "s3cret-Pa55";

    static GatewayApp NewApp(int port, string timeout, string? caPath = null)
    {
        var dir = Directory.CreateTempSubdirectory("gateway-hostile-").FullName;
        var text = $"""
            device.id = hostile
            smtp.host = 127.0.0.1
            smtp.port = {port}
            smtp.tls = starttls
            smtp.user = device@gateway.test
            smtp.password = {Password}
            smtp.from = device@gateway.test
            smtp.timeout = {timeout}
            alert.to = ops@gateway.test
            """;
        var parsed = GatewayConfig.Parse(text);
        Assert.True(parsed.IsValid, parsed.ToString());
        var connector = new SocketConnector(new TlsTrust(caPath));
        return new GatewayApp(parsed.Config!, connector, connector, new FileStore(dir), new SystemClock(), NullLog.Instance,
            [], [], new Random(1), "hostile.gateway.test");
    }

    static void AssertKeptForRetry(GatewayApp app, string messageId, string error)
    {
        var kept = Assert.Single(app.Outbox.Entries());
        Assert.Equal(messageId, kept.MessageId);
        Assert.Equal(1, kept.Attempts);
        Assert.Contains(error, kept.LastError);
        Assert.False(app.Outbox.IsFailed(messageId));
    }

    [Fact]
    public void A_greeting_that_never_comes_fails_within_the_timeout_and_the_alert_is_kept()
    {
        using var server = new TestServer(c => c.StaySilent());
        var app = NewApp(server.Port, "1s");
        var entry = app.QueueAlert("[hostile] ALERT", "no greeting");

        var sw = Stopwatch.StartNew();
        var report = app.Deliver();
        sw.Stop();

        Assert.NotNull(report.Error);
        Assert.Contains("greeting", report.Error!.Message);
        Assert.Contains("timed out", report.Error.Message);
        Assert.Contains("the timeout is 1000 ms", report.Error.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"took {sw.Elapsed}");
        AssertKeptForRetry(app, entry.MessageId, "timed out");
    }

    [Fact]
    public void A_server_answering_one_byte_a_second_is_cut_off_after_the_timeout_not_after_its_answer()
    {
        // Each byte comes well within the socket's read timeout; only a limit on the whole answer stops it.
        using var server = new TestServer(c =>
        {
            foreach (char ch in "220 mail.gateway.test ESMTP, very slowly\r\n")
            {
                c.Send(ch.ToString());
                Thread.Sleep(1000);
            }
        });
        var app = NewApp(server.Port, "2s");
        var entry = app.QueueAlert("[hostile] ALERT", "slow server");

        var sw = Stopwatch.StartNew();
        var report = app.Deliver();
        sw.Stop();

        Assert.NotNull(report.Error);
        Assert.Contains("sends too slowly", report.Error!.Message);
        Assert.Contains("within 2000 ms", report.Error.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(4.5), $"took {sw.Elapsed} for a 2 s timeout (the greeting alone takes 42 s)");
        AssertKeptForRetry(app, entry.MessageId, "timed out");
    }

    [Theory]
    [InlineData("another host", "is for other.example")]
    [InlineData("expired", "NotTimeValid")]
    public void A_bad_certificate_at_starttls_is_a_security_error_before_any_auth_and_the_alert_is_kept(string kind, string reason)
    {
        using var cert = kind == "expired"
            ? TestCertificates.SelfSigned("localhost", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1))
            : TestCertificates.SelfSigned("other.example", includeLoopbackIp: false);
        var ca = TestCertificates.WritePem(cert); // trusted: only the name or the date is wrong
        var heard = new ConcurrentQueue<string>();
        using var server = new TestServer(c =>
        {
            c.Send("220 mail.gateway.test ESMTP\r\n");
            heard.Enqueue(c.ReadLine());
            c.Send("250-mail.gateway.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n");
            heard.Enqueue(c.ReadLine());
            c.Send("220 2.0.0 Ready to start TLS\r\n");
            c.UpgradeToTls(cert);
            for (string line; (line = c.ReadLine()).Length > 0;) heard.Enqueue(line); // anything the client still sends
        });
        var app = NewApp(server.Port, "5s", ca);
        var entry = app.QueueAlert("[hostile] ALERT", "bad certificate");

        var report = app.Deliver();

        Assert.NotNull(report.Error);
        var smtp = Assert.IsType<Gateway.Mail.Smtp.SmtpException>(report.Error);
        Assert.Equal(Gateway.Mail.Smtp.SmtpErrorKind.Security, smtp.Kind);
        Assert.Contains(reason, smtp.Message);
        server.Dispose();
        Assert.Equal(["EHLO hostile.gateway.test", "STARTTLS"], heard.Take(2));
        Assert.DoesNotContain(heard, l => l.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase));
        AssertKeptForRetry(app, entry.MessageId, reason);
    }
}
