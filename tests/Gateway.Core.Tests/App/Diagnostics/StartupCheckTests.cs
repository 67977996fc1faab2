using System.Text;
using Gateway.App.Diagnostics;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.App.Diagnostics;

/// <summary>The device's start-up check: a real login through the core's clients, each failure with its hint.</summary>
public sealed class StartupCheckTests
{
    const string Password = "s3cret-Pass";
    static readonly string PlainResponse = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0device@gateway.test\0" + Password));
    static readonly DateTime Now = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);

    static GatewayConfig Config(string extra = "") => GatewayConfig.Parse($"""
        device.id = boiler-1
        smtp.host = mail.gateway.test
        smtp.port = 587
        smtp.tls = starttls
        smtp.user = device@gateway.test
        smtp.password = {Password}
        smtp.from = device@gateway.test
        alert.to = ops@gateway.test
        {extra}
        """).Config!;

    static ReplayChannel SmtpUntil(string lastClient, string lastServer) => new ReplayChannel()
        .Greet("220 mail.gateway.test ESMTP\r\n")
        .Step("EHLO boiler-1\r\n", "250-mail.gateway.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
        .Step("STARTTLS\r\n", "220 2.0.0 Ready to start TLS\r\n")
        .Step("EHLO boiler-1\r\n", "250-mail.gateway.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
        .Step(lastClient, lastServer);

    static (int failed, ListLog log) Run(GatewayConfig config, IConnector smtp, IConnector? pop3 = null, DateTime? now = null)
    {
        var log = new ListLog();
        int failed = StartupCheck.Run(config, new ManualClock(now ?? Now), smtp, pop3 ?? smtp, log, "boiler-1");
        return (failed, log);
    }

    static string All(ListLog log) => string.Join("\n", log.Lines);

    [Fact]
    public void A_working_server_passes_connect_tls_and_auth_and_says_so()
    {
        var channel = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 Authentication successful\r\n")
            .Step("QUIT\r\n", "221 2.0.0 Bye\r\n");
        var (failed, log) = Run(Config(), new ReplayConnector(channel));
        Assert.Equal(0, failed);
        Assert.Equal("Info check smtp mail.gateway.test:587: connect, greeting, EHLO, STARTTLS, AUTH ok (5 round trips, 0 ms)", log.Lines.Single(l => l.StartsWith("Info check smtp", StringComparison.Ordinal)));
        Assert.Contains("Info check: all passed", log.Lines);
        Assert.True(channel.SentAll, channel.Transcript);
        Assert.DoesNotContain(Password, All(log));
        Assert.DoesNotContain(PlainResponse, All(log));
    }

    [Fact]
    public void A_refused_login_names_the_reply_and_suggests_an_app_password()
    {
        var channel = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n",
            "535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials\r\n");
        var (failed, log) = Run(Config(), new ReplayConnector(channel));
        Assert.Equal(1, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Error check smtp mail.gateway.test:587: AUTH refused: 535 5.7.8", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("Error check hint: the login was refused", StringComparison.Ordinal) && l.Contains("app password"));
        Assert.Contains("Error check: 1 failed", log.Lines);
        Assert.DoesNotContain(Password, All(log));
    }

    [Fact]
    public void A_port_without_starttls_is_not_used_in_clear_and_the_hint_names_the_ports()
    {
        var channel = new ReplayChannel()
            .Greet("220 mail.gateway.test ESMTP\r\n")
            .Step("EHLO boiler-1\r\n", "250-mail.gateway.test\r\n250 AUTH PLAIN\r\n");
        var (failed, log) = Run(Config(), new ReplayConnector(channel));
        Assert.Equal(1, failed);
        Assert.Contains(log.Lines, l => l.Contains("does not offer STARTTLS"));
        Assert.Contains(log.Lines, l => l.StartsWith("Error check hint: this port offers no STARTTLS", StringComparison.Ordinal));
        Assert.DoesNotContain("AUTH PLAIN " + PlainResponse, channel.Transcript);
    }

    [Fact]
    public void A_server_that_never_greets_is_named_and_implicit_tls_is_suggested()
    {
        var (failed, log) = Run(Config(), new SilentConnector());
        Assert.Equal(1, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Error check smtp mail.gateway.test:587: greeting: timed out", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("no greeting") && l.Contains("smtp.tls = implicit"));
    }

    [Theory]
    [InlineData(ChannelError.HostNotFound, "the name does not resolve: check smtp.host")]
    [InlineData(ChannelError.ConnectFailed, "nothing answers on that port")]
    [InlineData(ChannelError.CertificateRejected, "the certificate was not accepted: put the CA that signed it in smtp.ca")]
    [InlineData(ChannelError.TlsFailed, "the TLS handshake failed")]
    public void A_connection_failure_gets_the_hint_for_its_kind(ChannelError error, string hint)
    {
        var (failed, log) = Run(Config(), new RefusingConnector(error));
        Assert.Equal(1, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Error check hint: " + hint, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unset_clock_fails_its_check_and_says_why()
    {
        var channel = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 ok\r\n").Step("QUIT\r\n", "221 Bye\r\n");
        var (failed, log) = Run(Config(), new ReplayConnector(channel), now: new DateTime(1970, 1, 1, 0, 0, 5, DateTimeKind.Utc));
        Assert.Equal(1, failed);
        Assert.Contains("Error check clock: 1970-01-01T00:00:05Z is not set", log.Lines);
        Assert.Contains(log.Lines, l => l.StartsWith("Error check hint: the clock is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Pop3_logs_in_and_counts_the_messages()
    {
        var smtp = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 ok\r\n").Step("QUIT\r\n", "221 Bye\r\n");
        var pop3 = new ReplayChannel()
            .Greet("+OK Dovecot ready.\r\n")
            .Step("CAPA\r\n", "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n")
            .Step("USER device@gateway.test\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "+OK Logged in.\r\n")
            .Step("STAT\r\n", "+OK 3 4521\r\n")
            .Step("QUIT\r\n", "+OK Logging out.\r\n");
        var config = Config($"pop3.host = mail.gateway.test\npop3.port = 995\npop3.tls = implicit\npop3.user = device@gateway.test\npop3.password = {Password}\ncommand.key = c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=");
        var (failed, log) = Run(config, new ReplayConnector(smtp), new ReplayConnector(pop3));
        Assert.Equal(0, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Info check pop3 mail.gateway.test:995: connect, TLS, greeting, CAPA, AUTH, STAT ok: 3 message(s)", StringComparison.Ordinal));
        Assert.True(pop3.Finished, pop3.Transcript);
        Assert.DoesNotContain(Password, All(log));
    }

    [Fact]
    public void A_pop3_auth_response_code_gets_its_hint()
    {
        var smtp = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 ok\r\n").Step("QUIT\r\n", "221 Bye\r\n");
        var pop3 = new ReplayChannel()
            .Greet("+OK Dovecot ready.\r\n")
            .Step("CAPA\r\n", "+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n")
            .Step("USER device@gateway.test\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "-ERR [AUTH] Authentication failed.\r\n");
        var config = Config($"pop3.host = mail.gateway.test\npop3.port = 995\npop3.tls = implicit\npop3.user = device@gateway.test\npop3.password = {Password}\ncommand.key = c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=");
        var (failed, log) = Run(config, new ReplayConnector(smtp), new ReplayConnector(pop3));
        Assert.Equal(1, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Error check hint: the login was refused [AUTH]: check pop3.user", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, All(log));
    }

    const string ImapConfig = "imap.host = mail.gateway.test\nimap.port = 993\nimap.tls = implicit\nimap.user = device@gateway.test\nimap.password = " + Password + "\ncommand.key = c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=";

    [Fact]
    public void Imap_logs_in_selects_the_folder_and_says_whether_idle_is_offered()
    {
        var smtp = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 ok\r\n").Step("QUIT\r\n", "221 Bye\r\n");
        var imap = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1 SASL-IR IDLE AUTH=PLAIN] Dovecot ready.\r\n")
            .Step("A1 AUTHENTICATE PLAIN " + PlainResponse + "\r\n", "A1 OK Logged in\r\n")
            .Step("A2 SELECT \"INBOX\"\r\n", "* 2 EXISTS\r\n* OK [UIDVALIDITY 1796418044] UIDs valid\r\nA2 OK [READ-WRITE] Select completed.\r\n")
            .Step("A3 LOGOUT\r\n", "* BYE Logging out\r\nA3 OK Logout completed.\r\n");
        var (failed, log) = Run(Config(ImapConfig), new ReplayConnector(smtp), new ReplayConnector(imap));
        Assert.Equal(0, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Info check imap mail.gateway.test:993: connect, TLS, greeting, CAPABILITY, AUTH, SELECT ok: 2 message(s) in INBOX, IDLE offered", StringComparison.Ordinal));
        Assert.True(imap.Finished, imap.Transcript);
        Assert.DoesNotContain(Password, All(log));
        Assert.DoesNotContain(PlainResponse, All(log));
    }

    [Fact]
    public void An_imap_authenticationfailed_gets_the_login_hint_with_the_imap_keys()
    {
        var smtp = SmtpUntil("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 ok\r\n").Step("QUIT\r\n", "221 Bye\r\n");
        var imap = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1 SASL-IR IDLE AUTH=PLAIN] Dovecot ready.\r\n")
            .Step("A1 AUTHENTICATE PLAIN " + PlainResponse + "\r\n", "A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
        var (failed, log) = Run(Config(ImapConfig), new ReplayConnector(smtp), new ReplayConnector(imap));
        Assert.Equal(1, failed);
        Assert.Contains(log.Lines, l => l.StartsWith("Error check hint: the login was refused: check imap.user", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, All(log));
    }

    /// <summary>Accepts the connection, then never says anything: every read times out.</summary>
    sealed class SilentConnector : IConnector
    {
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => new Silent(host + ":" + port);

        sealed class Silent(string endpoint) : IChannel
        {
            public bool IsEncrypted => false;
            public int Read(byte[] buffer, int offset, int count) => throw new ChannelException(ChannelError.Timeout, "timed out reading from " + endpoint);
            public void Write(byte[] buffer, int offset, int count) { }
            public void StartTls(string host) { }
            public void Close() { }
        }
    }

    sealed class RefusingConnector(ChannelError error) : IConnector
    {
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) =>
            throw new ChannelException(error, "cannot reach " + host + ":" + port + " (" + error + ")");
    }
}
