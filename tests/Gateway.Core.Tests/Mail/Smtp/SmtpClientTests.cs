using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Smtp;

namespace Gateway.Core.Tests.Mail.Smtp;

/// <summary>Scripted server dialogues for every branch of the SMTP client; every byte it sends is asserted.</summary>
public class SmtpClientTests
{
    const string Greeting = "220 mail.gateway.test ESMTP Postfix\r\n";
    const string EhloClear = "250-mail.gateway.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n";
    const string EhloTls = "250-mail.gateway.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n";
    const string Password = "s3cret-Pa55";
    static readonly string PlainResponse = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0device@gateway.test\0" + Password));
    static readonly byte[] Body = Encoding.ASCII.GetBytes("Subject: t\r\n\r\n.Leading dot\r\nend\r\n");

    static SmtpOptions Options(TlsMode tls = TlsMode.StartTls, string? user = "device@gateway.test") => new()
    {
        Host = "mail.gateway.test",
        Port = 587,
        Tls = tls,
        User = user,
        Password = user == null ? null : Password,
        HeloName = "dev01.local",
    };

    static ReplayChannel StartTlsAndPlain(ReplayChannel.Delivery delivery = ReplayChannel.Delivery.Whole) => new ReplayChannel(delivery)
        .Greet(Greeting)
        .Step("EHLO dev01.local\r\n", EhloClear)
        .Step("STARTTLS\r\n", "220 2.0.0 Ready to start TLS\r\n")
        .Step("EHLO dev01.local\r\n", EhloTls)
        .Step("AUTH PLAIN " + PlainResponse + "\r\n", "235 2.7.0 Authentication successful\r\n");

    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByLine)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void Full_session_with_starttls_auth_and_pipelining(ReplayChannel.Delivery delivery)
    {
        var ch = StartTlsAndPlain(delivery)
            .Step("MAIL FROM:<device@gateway.test> SIZE=" + Body.Length + "\r\nRCPT TO:<ops@gateway.test>\r\nRCPT TO:<boss@gateway.test>\r\nDATA\r\n",
                  "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n")
            .Step("Subject: t\r\n\r\n..Leading dot\r\nend\r\n.\r\n", "250 2.0.0 Ok: queued as 4ABC\r\n")
            .Step("QUIT\r\n", "221 2.0.0 Bye\r\n"); // not waited for: the client closes after sending QUIT
        var client = new SmtpClient(new ReplayConnector(ch), Options());

        client.Connect();
        Assert.True(client.IsEncrypted);
        Assert.Equal(1, ch.TlsUpgrades);
        var result = client.Send("device@gateway.test", ["ops@gateway.test", "boss@gateway.test"], Body, 0, Body.Length, false);
        client.Quit();

        Assert.True(ch.SentAll, ch.Transcript);
        Assert.Equal(2, result.AcceptedCount);
        Assert.Equal("2.0.0 Ok: queued as 4ABC", result.FinalReply.Text);
        // greeting, EHLO, STARTTLS, EHLO, AUTH, envelope+DATA, body; the reply to QUIT is not waited for
        Assert.Equal(7, client.RoundTrips);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void Capabilities_are_read_from_ehlo()
    {
        var ch = StartTlsAndPlain();
        var client = new SmtpClient(new ReplayConnector(ch), Options());
        client.Connect();
        var c = client.Capabilities;
        Assert.Equal(SmtpCapabilities.Pipelining | SmtpCapabilities.Size | SmtpCapabilities.AuthPlain | SmtpCapabilities.AuthLogin
            | SmtpCapabilities.EnhancedStatusCodes | SmtpCapabilities.EightBitMime | SmtpCapabilities.SmtpUtf8, c);
        Assert.Equal(10240000, client.MaxMessageSize);
        Assert.Equal("mail.gateway.test ESMTP Postfix", client.Greeting);
    }

    [Fact]
    public void Without_pipelining_each_command_waits_for_its_reply()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-old.example\r\n250 8BITMIME\r\n")
            .Step("MAIL FROM:<a@b.test>\r\n", "250 ok\r\n")
            .Step("RCPT TO:<c@d.test>\r\n", "250 ok\r\n")
            .Step("DATA\r\n", "354 go\r\n")
            .Step("x\r\n.\r\n", "250 queued\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x"u8.ToArray();
        client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, false);
        Assert.True(ch.Finished, ch.Transcript);
        Assert.Equal(6, client.RoundTrips);
    }

    [Fact]
    public void Ehlo_refused_falls_back_to_helo()
    {
        var ch = new ReplayChannel()
            .Greet("220 ancient\r\n")
            .Step("EHLO dev01.local\r\n", "502 5.5.2 Error: command not recognized\r\n")
            .Step("HELO dev01.local\r\n", "250 ancient\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        Assert.Equal(SmtpCapabilities.HeloOnly, client.Capabilities);
        Assert.True(ch.Finished);
    }

    [Fact]
    public void Starttls_not_offered_is_a_security_error_and_nothing_more_is_sent()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-mail.gateway.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options());
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpErrorKind.Security, e.Kind);
        Assert.Equal(SmtpStage.StartTls, e.Stage);
        Assert.Contains("does not offer STARTTLS", e.Message);
        Assert.DoesNotContain("AUTH", ch.Transcript.Split('\n').Where(l => l.StartsWith("C:")).Aggregate("", string.Concat));
        Assert.True(ch.Closed);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Starttls_refused_with_454_ends_the_session_without_downgrade()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", EhloClear)
            .Step("STARTTLS\r\n", "454 4.7.0 TLS not available due to local problem\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options());
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpErrorKind.Transient, e.Kind);
        Assert.Equal(SmtpStage.StartTls, e.Stage);
        Assert.Equal(454, e.Code);
        Assert.Equal(0, ch.TlsUpgrades);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void Data_injected_after_the_starttls_reply_is_refused()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", EhloClear)
            .Step("STARTTLS\r\n", "220 2.0.0 Ready\r\n250-injected\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options());
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpErrorKind.Security, e.Kind);
        Assert.Contains("RFC 3207", e.Message);
        Assert.Equal(0, ch.TlsUpgrades);
    }

    [Fact]
    public void Credentials_are_never_sent_over_a_clear_connection_by_default()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 AUTH PLAIN\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None));
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpErrorKind.Security, e.Kind);
        Assert.Equal(SmtpStage.Auth, e.Stage);
        Assert.Contains("allow-plain-auth", e.Message);
        Assert.DoesNotContain(PlainResponse, ch.Transcript);
    }

    [Fact]
    public void Plain_auth_over_clear_text_only_when_explicitly_allowed()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 AUTH PLAIN\r\n")
            .Step("AUTH PLAIN " + PlainResponse + "\r\n", "235 ok\r\n");
        var options = Options(TlsMode.None);
        options.AllowPlainAuth = true;
        new SmtpClient(new ReplayConnector(ch), options).Connect();
        Assert.True(ch.Finished);
    }

    [Fact]
    public void Login_is_used_when_plain_is_not_offered()
    {
        var ch = new ReplayChannel()
            .Greet("220 smtps\r\n")
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 AUTH LOGIN\r\n")
            .Step("AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n")
            .Step(Convert.ToBase64String(Encoding.UTF8.GetBytes("device@gateway.test")) + "\r\n", "334 UGFzc3dvcmQ6\r\n")
            .Step(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)) + "\r\n", "235 2.7.0 ok\r\n");
        var connector = new ReplayConnector(ch);
        new SmtpClient(connector, Options(TlsMode.Implicit)).Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.Equal(TlsMode.Implicit, connector.Tls);
    }

    [Fact]
    public void Wrong_password_is_a_permanent_auth_error_with_the_servers_words()
    {
        var ch = StartTlsWithoutAuth()
            .Step("AUTH PLAIN " + PlainResponse + "\r\n", "535 5.7.8 Error: authentication failed: authentication failure\r\n");
        var e = Assert.Throws<SmtpException>(new SmtpClient(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(SmtpErrorKind.Permanent, e.Kind);
        Assert.Equal(SmtpStage.Auth, e.Stage);
        Assert.Equal(535, e.Code);
        Assert.Equal("5.7.8", e.EnhancedCode);
        Assert.Contains("authentication failed", e.Message);
        Assert.False(e.IsMessageRejected);
        Assert.DoesNotContain(Password, e.Message);
    }

    [Fact]
    public void A_login_exchange_that_never_ends_is_cancelled()
    {
        var ch = new ReplayChannel()
            .Greet("220 x\r\n")
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 AUTH LOGIN\r\n")
            .Step("AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n")
            .Step(Convert.ToBase64String(Encoding.UTF8.GetBytes("device@gateway.test")) + "\r\n", "334 UGFzc3dvcmQ6\r\n")
            .Step(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)) + "\r\n", "334 QWdhaW46\r\n")
            .Step("*\r\n", "501 cancelled\r\n");
        var e = Assert.Throws<SmtpException>(new SmtpClient(new ReplayConnector(ch), Options(TlsMode.Implicit)).Connect);
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Contains("more", e.Message);
    }

    [Fact]
    public void Xoauth2_sends_the_bearer_token_and_reads_the_error_challenge()
    {
        var options = Options(TlsMode.Implicit);
        options.Password = null;
        options.Token = "ya29.token";
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=device@gateway.test\u0001auth=Bearer ya29.token\u0001\u0001"));
        var json = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"status\":\"401\",\"schemes\":\"bearer\"}"));
        var ch = new ReplayChannel()
            .Greet("220 smtp.gmail.com ESMTP\r\n")
            .Step("EHLO dev01.local\r\n", "250-smtp.gmail.com\r\n250 AUTH LOGIN PLAIN XOAUTH2\r\n")
            .Step("AUTH XOAUTH2 " + initial + "\r\n", "334 " + json + "\r\n")
            .Step("\r\n", "535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials\r\n");
        var e = Assert.Throws<SmtpException>(new SmtpClient(new ReplayConnector(ch), options).Connect);
        Assert.Equal(535, e.Code);
        Assert.Contains("Username and Password not accepted", e.Message);
        Assert.True(ch.Finished);
    }

    const string EhloChunking = "250-x\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n250 CHUNKING\r\n";

    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void With_chunking_the_envelope_and_the_message_leave_in_one_flight_without_dot_stuffing(ReplayChannel.Delivery delivery)
    {
        var ch = new ReplayChannel(delivery)
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", EhloChunking)
            .Step("MAIL FROM:<a@b.test> SIZE=" + Body.Length + "\r\nRCPT TO:<ok@b.test>\r\nBDAT " + Body.Length + " LAST\r\nSubject: t\r\n\r\n.Leading dot\r\nend\r\n",
                  "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.0.0 Ok: 57 bytes queued as 9XYZ\r\n")
            .Step("QUIT\r\n", "221 2.0.0 Bye\r\n"); // not waited for: the client closes after sending QUIT
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var result = client.Send("a@b.test", ["ok@b.test"], Body, 0, Body.Length, false);
        client.Quit();
        Assert.True(ch.SentAll, ch.Transcript);
        Assert.Equal("2.0.0 Ok: 57 bytes queued as 9XYZ", result.FinalReply.Text);
        Assert.Equal(1, result.AcceptedCount);
        Assert.Equal(3, client.RoundTrips); // greeting, EHLO, envelope + message
        Assert.True(ch.Closed);
    }

    [Fact]
    public void With_chunking_all_recipients_refused_rejects_the_message_and_the_session_goes_on()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", EhloChunking)
            .Step("MAIL FROM:<a@b.test> SIZE=3\r\nRCPT TO:<x@elsewhere.test>\r\nBDAT 3 LAST\r\nx\r\n",
                  "250 ok\r\n554 5.7.1 <x@elsewhere.test>: Relay access denied\r\n554 5.5.1 Error: no valid recipients\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x\r\n"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["x@elsewhere.test"], msg, 0, msg.Length, false));
        Assert.Equal(SmtpStage.RcptTo, e.Stage);
        Assert.Contains("Relay access denied", e.Message);
        Assert.True(e.IsMessageRejected);
        Assert.True(ch.Finished);
        Assert.True(client.IsConnected); // the server read the chunk anyway (RFC 3030 2)
    }

    [Fact]
    public void With_chunking_a_connection_lost_before_the_reply_to_bdat_is_transient_and_not_sent()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", EhloChunking)
            .Step("MAIL FROM:<a@b.test> SIZE=3\r\nRCPT TO:<c@d.test>\r\nBDAT 3 LAST\r\nx\r\n", "250 ok\r\n250 ok\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x\r\n"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, false));
        Assert.Equal(SmtpErrorKind.Transient, e.Kind);
        Assert.Equal(SmtpStage.Data, e.Stage);
        Assert.False(e.IsMessageRejected);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void With_chunking_a_message_with_bare_line_feeds_goes_by_data_which_mends_them()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", EhloChunking)
            .Step("MAIL FROM:<a@b.test> SIZE=4\r\nRCPT TO:<c@d.test>\r\nDATA\r\n", "250 ok\r\n250 ok\r\n354 go\r\n")
            .Step("x\r\ny\r\n.\r\n", "250 queued\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x\ny\n"u8.ToArray();
        client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, false);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Some_recipients_refused_is_not_all_or_nothing()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 PIPELINING\r\n")
            .Step("MAIL FROM:<a@b.test>\r\nRCPT TO:<ok@b.test>\r\nRCPT TO:<nobody@b.test>\r\nDATA\r\n",
                  "250 ok\r\n250 ok\r\n550 5.1.1 <nobody@b.test>: Recipient address rejected: User unknown\r\n354 go\r\n")
            .Step("x\r\n.\r\n", "250 queued\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x"u8.ToArray();
        var result = client.Send("a@b.test", ["ok@b.test", "nobody@b.test"], msg, 0, msg.Length, false);
        Assert.Equal(1, result.AcceptedCount);
        Assert.True(result.Recipients[0].Accepted);
        Assert.False(result.Recipients[1].Accepted);
        Assert.Equal("5.1.1", result.Recipients[1].Reply.EnhancedCode);
    }

    [Fact]
    public void All_recipients_refused_sends_no_body_and_rejects_the_message()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 PIPELINING\r\n")
            .Step("MAIL FROM:<a@b.test>\r\nRCPT TO:<x@elsewhere.test>\r\nDATA\r\n",
                  "250 ok\r\n554 5.7.1 <x@elsewhere.test>: Relay access denied\r\n554 5.5.1 Error: no valid recipients\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["x@elsewhere.test"], msg, 0, msg.Length, false));
        Assert.Equal(SmtpStage.RcptTo, e.Stage);
        Assert.Equal(554, e.Code);
        Assert.Contains("Relay access denied", e.Message);
        Assert.True(e.IsMessageRejected);
        Assert.True(ch.Finished);
        Assert.True(client.IsConnected); // the session can go on with the next message
    }

    [Fact]
    public void A_server_that_accepts_data_without_recipients_gets_an_empty_end()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 PIPELINING\r\n")
            .Step("MAIL FROM:<a@b.test>\r\nRCPT TO:<x@b.test>\r\nDATA\r\n", "250 ok\r\n550 no\r\n354 go ahead anyway\r\n")
            .Step(".\r\n", "554 no valid recipients\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "secret body"u8.ToArray();
        Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["x@b.test"], msg, 0, msg.Length, false));
        Assert.DoesNotContain("secret body", ch.Transcript);
        Assert.True(ch.Finished);
    }

    [Fact]
    public void No_greeting_is_transient()
    {
        var ch = new ReplayChannel().Greet("");
        var e = Assert.Throws<SmtpException>(new SmtpClient(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(SmtpErrorKind.Transient, e.Kind);
        Assert.Equal(SmtpStage.Greeting, e.Stage);
        Assert.Contains("without a reply", e.Message);
    }

    [Fact]
    public void A_554_greeting_is_permanent()
    {
        var ch = new ReplayChannel().Greet("554 5.7.1 Service unavailable; client host blocked\r\n");
        var e = Assert.Throws<SmtpException>(new SmtpClient(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(SmtpErrorKind.Permanent, e.Kind);
        Assert.Equal(SmtpStage.Greeting, e.Stage);
        Assert.False(e.IsMessageRejected);
    }

    [Fact]
    public void A_421_mid_session_is_transient_and_closes()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 8BITMIME\r\n")
            .Step("MAIL FROM:<a@b.test>\r\n", "421 4.3.2 Service shutting down\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, false));
        Assert.Equal(SmtpErrorKind.Transient, e.Kind);
        Assert.Equal(421, e.Code);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Connection_closed_during_data_is_transient_and_not_sent()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 PIPELINING\r\n")
            .Step("MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n", "250 ok\r\n250 ok\r\n354 go\r\n")
            .Step("x\r\n.\r\n", "");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, false));
        Assert.Equal(SmtpErrorKind.Transient, e.Kind);
        Assert.Equal(SmtpStage.Data, e.Stage);
        Assert.False(e.IsMessageRejected);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_reply_that_is_not_smtp_is_a_protocol_error()
    {
        var ch = new ReplayChannel().Greet("+OK Dovecot ready.\r\n");
        var e = Assert.Throws<SmtpException>(new SmtpClient(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Contains("+OK Dovecot ready.", e.Message);
    }

    [Fact]
    public void A_message_over_the_size_limit_is_refused_before_sending()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 SIZE 10\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = new byte[11];
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, false));
        Assert.True(e.IsMessageRejected);
        Assert.Contains("at most 10", e.Message);
    }

    [Fact]
    public void Eight_bit_body_declares_8bitmime_and_needs_it()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("EHLO dev01.local\r\n", "250-x\r\n250 8BITMIME\r\n")
            .Step("MAIL FROM:<a@b.test> BODY=8BITMIME\r\n", "250 ok\r\n")
            .Step("RCPT TO:<c@d.test>\r\n", "250 ok\r\n")
            .Step("DATA\r\n", "354 go\r\n")
            .Step("Grüße\r\n.\r\n", "250 queued\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = Encoding.UTF8.GetBytes("Grüße");
        client.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, true);
        Assert.True(ch.Finished);

        var plain = new ReplayChannel().Greet(Greeting).Step("EHLO dev01.local\r\n", "250 x\r\n");
        var old = new SmtpClient(new ReplayConnector(plain), Options(TlsMode.None, user: null));
        old.Connect();
        var e = Assert.Throws<SmtpException>(() => old.Send("a@b.test", ["c@d.test"], msg, 0, msg.Length, true));
        Assert.Contains("8BITMIME", e.Message);
    }

    [Theory]
    [InlineData("a@b.test>\r\nRCPT TO:<victim@x.test")]
    [InlineData("a b@c.test")]
    [InlineData("no-at-sign")]
    [InlineData("x@")]
    public void An_address_that_could_break_out_of_its_brackets_is_refused(string bad)
    {
        var ch = new ReplayChannel().Greet(Greeting).Step("EHLO dev01.local\r\n", "250 x\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(TlsMode.None, user: null));
        client.Connect();
        var msg = "x"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send("a@b.test", [bad], msg, 0, msg.Length, false));
        Assert.True(e.IsMessageRejected);
        Assert.DoesNotContain("RCPT", ch.Transcript);
    }

    [Fact]
    public void The_log_shows_the_dialogue_but_never_the_password()
    {
        var log = new ListLog();
        var ch = StartTlsAndPlain()
            .Step("MAIL FROM:<device@gateway.test> SIZE=" + Body.Length + "\r\nRCPT TO:<ops@gateway.test>\r\nDATA\r\n", "250 ok\r\n250 ok\r\n354 go\r\n")
            .Step("Subject: t\r\n\r\n..Leading dot\r\nend\r\n.\r\n", "250 queued\r\n");
        var client = new SmtpClient(new ReplayConnector(ch), Options(), log);
        client.Connect();
        client.Send("device@gateway.test", ["ops@gateway.test"], Body, 0, Body.Length, false);
        var all = string.Join("\n", log.Lines);
        Assert.Contains("C: AUTH PLAIN ********", all);
        Assert.Contains("S: 235 2.7.0 Authentication successful", all);
        Assert.Contains("C: RCPT TO:<ops@gateway.test>", all);
        Assert.DoesNotContain(Password, all);
        Assert.DoesNotContain(PlainResponse, all);
    }

    static ReplayChannel StartTlsWithoutAuth() => new ReplayChannel()
        .Greet(Greeting)
        .Step("EHLO dev01.local\r\n", EhloClear)
        .Step("STARTTLS\r\n", "220 2.0.0 Ready to start TLS\r\n")
        .Step("EHLO dev01.local\r\n", EhloTls);

    sealed class ListLog : ILog
    {
        public readonly List<string> Lines = [];
        public void Write(LogLevel level, string text) => Lines.Add(text);
        public bool IsEnabled(LogLevel level) => true;
    }
}
