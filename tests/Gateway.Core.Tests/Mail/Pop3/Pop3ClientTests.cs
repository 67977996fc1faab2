using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Pop3;

namespace Gateway.Core.Tests.Mail.Pop3;

/// <summary>Scripted server dialogues for the POP3 session: greeting, CAPA, STLS, the login methods and their failures.</summary>
public class Pop3ClientTests
{
    internal const string Greeting = "+OK Dovecot (Debian) ready.\r\n";
    internal const string CapaClear = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n";
    internal const string CapaTls = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n";
    internal const string User = "device@gateway.test";
    internal const string Password = "s3cret-Pa55";
    internal static readonly string PlainResponse = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + User + "\0" + Password));

    internal static Pop3Options Options(TlsMode tls = TlsMode.StartTls, string? user = User) => new()
    {
        Host = "mail.gateway.test",
        Port = tls == TlsMode.Implicit ? 995 : 110,
        Tls = tls,
        User = user,
        Password = user == null ? null : Password,
    };

    /// <summary>Dovecot's own dialogue on 110: STLS, CAPA again, AUTH PLAIN with the initial response.</summary>
    internal static ReplayChannel StlsAndPlain(ReplayChannel.Delivery delivery = ReplayChannel.Delivery.Whole) => new ReplayChannel(delivery)
        .Greet(Greeting)
        .Step("CAPA\r\n", CapaClear)
        .Step("STLS\r\n", "+OK Begin TLS negotiation now.\r\n")
        .Step("CAPA\r\n", CapaTls)
        .Step("AUTH PLAIN " + PlainResponse + "\r\n", "+OK Logged in.\r\n");

    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByLine)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void Stls_then_capa_again_then_auth_plain_with_the_initial_response(ReplayChannel.Delivery delivery)
    {
        var ch = StlsAndPlain(delivery).Step("QUIT\r\n", "+OK Logging out.\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options());

        client.Connect();
        Assert.True(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
        Assert.Equal(1, ch.TlsUpgrades);
        Assert.True(client.Quit());

        Assert.True(ch.Finished, ch.Transcript);
        Assert.True(ch.Closed);
        Assert.False(client.IsConnected);
        // greeting, CAPA, STLS, CAPA, AUTH, QUIT
        Assert.Equal(6, client.RoundTrips);
    }

    [Fact]
    public void Capabilities_are_those_of_the_capa_after_stls()
    {
        var ch = StlsAndPlain();
        var client = new Pop3Client(new ReplayConnector(ch), Options());
        client.Connect();
        Assert.Equal(Pop3Capabilities.Top | Pop3Capabilities.Uidl | Pop3Capabilities.RespCodes | Pop3Capabilities.Pipelining
            | Pop3Capabilities.AuthRespCode | Pop3Capabilities.User | Pop3Capabilities.Sasl | Pop3Capabilities.SaslPlain
            | Pop3Capabilities.SaslLogin, client.Capabilities);
        Assert.Equal("Dovecot (Debian) ready.", client.Greeting);
    }

    [Fact]
    public void A_mechanism_offered_only_after_stls_is_used()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nSTLS\r\nUSER\r\n.\r\n")
            .Step("STLS\r\n", "+OK go\r\n")
            .Step("CAPA\r\n", "+OK\r\nSASL PLAIN\r\n.\r\n")
            .Step("AUTH PLAIN " + PlainResponse + "\r\n", "+OK\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options());
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.Equal(Pop3Capabilities.Sasl | Pop3Capabilities.SaslPlain, client.Capabilities);
    }

    [Fact]
    public void Login_delay_and_other_capabilities_are_read()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK Capability list follows\r\nTOP\r\nLOGIN-DELAY 900\r\nEXPIRE 60\r\nUTF8 USER\r\nsasl xoauth2 cram-md5\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\nX-UNKNOWN\r\n.\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit, user: null));
        client.Connect();
        Assert.Equal(900, client.LoginDelaySeconds);
        Assert.Equal(Pop3Capabilities.Top | Pop3Capabilities.LoginDelay | Pop3Capabilities.Expire | Pop3Capabilities.Utf8
            | Pop3Capabilities.Sasl | Pop3Capabilities.SaslXOAuth2 | Pop3Capabilities.SaslOther, client.Capabilities);
        Assert.False(client.IsAuthenticated);
    }

    [Fact]
    public void Stls_not_offered_is_a_security_error_and_no_credentials_are_sent()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options());
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Stls, e.Stage);
        Assert.Contains("does not offer STLS", e.Message);
        Assert.DoesNotContain("USER", ClientLines(ch));
        Assert.DoesNotContain("AUTH", ClientLines(ch));
        Assert.True(ch.Closed);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_server_without_capa_has_no_stls_and_is_not_used_in_clear()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "-ERR unknown command\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Contains("CAPA", e.Message);
        Assert.Equal(0, ch.TlsUpgrades);
    }

    [Theory]
    [InlineData("-ERR TLS not available\r\n", Pop3ErrorKind.Permanent)]
    [InlineData("-ERR [SYS/TEMP] TLS initialisation failed\r\n", Pop3ErrorKind.Transient)]
    public void Stls_refused_ends_the_session_without_downgrade(string refusal, Pop3ErrorKind kind)
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", CapaClear)
            .Step("STLS\r\n", refusal);
        var client = new Pop3Client(new ReplayConnector(ch), Options());
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(Pop3Stage.Stls, e.Stage);
        Assert.Equal(0, ch.TlsUpgrades);
        Assert.True(ch.Closed);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Data_injected_after_the_stls_reply_is_refused()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", CapaClear)
            .Step("STLS\r\n", "+OK Begin TLS negotiation now.\r\n+OK\r\nSASL PLAIN\r\n.\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Stls, e.Stage);
        Assert.Contains("RFC 2595", e.Message);
        Assert.Equal(0, ch.TlsUpgrades);
    }

    [Fact]
    public void An_implicit_tls_connection_that_is_not_encrypted_is_refused()
    {
        var ch = new ReplayChannel().Greet(Greeting);
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new PlainConnector(ch), Options(TlsMode.Implicit)).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Connect, e.Stage);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void An_untrusted_certificate_at_stls_is_a_security_error()
    {
        var ch = new FailingChannel(StlsAndPlain()) { FailTls = new ChannelException(ChannelError.CertificateRejected, "certificate not trusted") };
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Stls, e.Stage);
        Assert.Contains("certificate not trusted", e.Message);
        Assert.True(ch.Inner.Closed);
    }

    [Fact]
    public void Credentials_are_never_sent_over_a_clear_connection_by_default()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", CapaClear);
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options(TlsMode.None)).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
        Assert.Contains("allow-plain-auth", e.Message);
        Assert.DoesNotContain("USER", ClientLines(ch));
        Assert.DoesNotContain(Password, ch.Transcript);
    }

    [Fact]
    public void Allowing_plain_auth_changes_nothing_when_tls_is_configured()
    {
        // pop3.allow-plain-auth is only for pop3.tls = none: with STLS configured, STLS stays required.
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n");
        var options = Options();
        options.AllowPlainAuth = true;
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), options).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.DoesNotContain(Password, ch.Transcript);
    }

    [Fact]
    public void User_and_pass_over_clear_text_only_when_explicitly_allowed()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n")
            .Step("USER " + User + "\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "+OK Logged in.\r\n");
        var options = Options(TlsMode.None);
        options.AllowPlainAuth = true;
        var client = new Pop3Client(new ReplayConnector(ch), options);
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.False(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public void User_and_pass_are_used_when_preferred_although_plain_is_offered()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", CapaTls)
            .Step("USER " + User + "\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "+OK Logged in.\r\n");
        var options = Options(TlsMode.Implicit);
        options.PreferUserPass = true;
        new Pop3Client(new ReplayConnector(ch), options).Connect();
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void User_and_pass_are_tried_on_a_server_without_capa()
    {
        var ch = new ReplayChannel()
            .Greet("+OK POP3 ready\r\n")
            .Step("CAPA\r\n", "-ERR what?\r\n")
            .Step("USER " + User + "\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "+OK\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit));
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.Equal(Pop3Capabilities.NoCapa, client.Capabilities);
    }

    [Fact]
    public void Sasl_login_is_used_when_it_is_all_the_server_offers()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nSASL LOGIN\r\n.\r\n")
            .Step("AUTH LOGIN\r\n", "+ VXNlcm5hbWU6\r\n")
            .Step(B64(User) + "\r\n", "+ UGFzc3dvcmQ6\r\n")
            .Step(B64(Password) + "\r\n", "+OK Logged in.\r\n");
        new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit)).Connect();
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void A_server_offering_no_usable_login_method_is_a_permanent_error()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nSASL GSSAPI\r\n.\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit)).Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
        Assert.Contains("neither USER nor SASL PLAIN or LOGIN", e.Message);
    }

    [Fact]
    public void A_sasl_exchange_that_never_ends_is_cancelled()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nSASL LOGIN\r\n.\r\n")
            .Step("AUTH LOGIN\r\n", "+ VXNlcm5hbWU6\r\n")
            .Step(B64(User) + "\r\n", "+ UGFzc3dvcmQ6\r\n")
            .Step(B64(Password) + "\r\n", "+ QWdhaW46\r\n")
            .Step("*\r\n", "-ERR Authentication aborted by client.\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit)).Connect);
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Xoauth2_sends_the_bearer_token_and_reads_the_error_challenge()
    {
        var options = Options(TlsMode.Implicit);
        options.Password = null;
        options.Token = "ya29.t";
        var initial = B64("user=" + User + "\u0001auth=Bearer ya29.t\u0001\u0001");
        var json = B64("{\"status\":\"401\",\"schemes\":\"bearer\"}");
        var ch = new ReplayChannel()
            .Greet("+OK Gpop ready\r\n")
            .Step("CAPA\r\n", "+OK\r\nUSER\r\nSASL PLAIN XOAUTH2\r\n.\r\n")
            .Step("AUTH XOAUTH2 " + initial + "\r\n", "+ " + json + "\r\n")
            .Step("\r\n", "-ERR [AUTH] Invalid credentials.\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), options).Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3ResponseCode.Auth, e.CodeKind);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void An_initial_response_too_long_for_the_command_line_answers_the_first_empty_challenge()
    {
        // RFC 5034 4: AUTH with its initial response must fit 255 octets; otherwise wait for "+ ".
        var token = new string('t', 300);
        var options = Options(TlsMode.Implicit);
        options.Password = null;
        options.Token = token;
        var initial = B64("user=" + User + "\u0001auth=Bearer " + token + "\u0001\u0001");
        var ch = new ReplayChannel()
            .Greet("+OK ready\r\n")
            .Step("CAPA\r\n", "+OK\r\nSASL XOAUTH2\r\n.\r\n")
            .Step("AUTH XOAUTH2\r\n", "+ \r\n")
            .Step(initial + "\r\n", "+OK Welcome.\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), options);
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public void A_token_without_xoauth2_offered_is_a_permanent_error_and_sends_nothing()
    {
        var options = Options(TlsMode.Implicit);
        options.Password = null;
        options.Token = "ya29.t";
        var ch = new ReplayChannel().Greet(Greeting).Step("CAPA\r\n", CapaTls);
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), options).Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Contains("XOAUTH2", e.Message);
        Assert.DoesNotContain("ya29", ch.Transcript);
    }

    [Fact]
    public void Wrong_password_is_a_permanent_auth_error_with_the_servers_words()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", CapaTls)
            .Step("AUTH PLAIN " + PlainResponse + "\r\n", "-ERR [AUTH] Authentication failed.\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit));
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
        Assert.Equal(Pop3ResponseCode.Auth, e.CodeKind);
        Assert.Equal("AUTH", e.Code);
        Assert.Equal("[AUTH] Authentication failed.", e.ServerText);
        Assert.True(e.HasResponse);
        Assert.DoesNotContain(Password, e.Message);
        Assert.DoesNotContain(PlainResponse, e.Message);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("-ERR [IN-USE] Mailbox is locked by another session\r\n", Pop3ResponseCode.InUse)]
    [InlineData("-ERR [SYS/TEMP] Temporary failure\r\n", Pop3ResponseCode.SysTemp)]
    [InlineData("-ERR [LOGIN-DELAY] Wait 15 minutes between logins\r\n", Pop3ResponseCode.LoginDelay)]
    public void A_temporary_refusal_of_the_login_is_transient(string refusal, Pop3ResponseCode code)
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n")
            .Step("USER " + User + "\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", refusal);
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit)).Connect);
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(code, e.CodeKind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
    }

    [Fact]
    public void A_sys_perm_refusal_is_permanent()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n")
            .Step("USER " + User + "\r\n", "-ERR [SYS/PERM] Your account is disabled\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit)).Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3ResponseCode.SysPerm, e.CodeKind);
        Assert.Contains("account is disabled", e.Message);
    }

    [Fact]
    public void No_greeting_is_transient()
    {
        var ch = new ReplayChannel().Greet("");
        var client = new Pop3Client(new ReplayConnector(ch), Options());
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(Pop3Stage.Greeting, e.Stage);
        Assert.Contains("without a response", e.Message);
        Assert.True(ch.Closed);
    }

    [Theory]
    [InlineData("-ERR [SYS/TEMP] Too many connections\r\n", Pop3ErrorKind.Transient)]
    [InlineData("-ERR Access denied\r\n", Pop3ErrorKind.Permanent)]
    public void An_err_greeting_is_a_refusal_by_its_code(string greeting, Pop3ErrorKind kind)
    {
        var ch = new ReplayChannel().Greet(greeting);
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(Pop3Stage.Greeting, e.Stage);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void A_greeting_that_is_not_pop3_is_a_protocol_error()
    {
        var ch = new ReplayChannel().Greet("220 mail.gateway.test ESMTP Postfix\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Contains("220 mail.gateway.test ESMTP Postfix", e.Message);
    }

    [Fact]
    public void A_greeting_line_longer_than_the_limit_is_a_protocol_error()
    {
        var ch = new ReplayChannel().Greet("+OK " + new string('x', Pop3Limits.MaxLine) + "\r\n");
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Contains("longer than", e.Message);
    }

    [Fact]
    public void An_endless_capa_response_is_a_protocol_error()
    {
        var capa = "+OK\r\n" + string.Concat(Enumerable.Repeat("X-FILLER\r\n", Pop3Limits.MaxCapaLines + 1)) + ".\r\n";
        var ch = new ReplayChannel().Greet(Greeting).Step("CAPA\r\n", capa);
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Equal(Pop3Stage.Capa, e.Stage);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void A_connect_failure_is_transient()
    {
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new FailingConnector(), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(Pop3Stage.Connect, e.Stage);
        Assert.Contains("connection refused", e.Message);
    }

    [Fact]
    public void A_timeout_while_waiting_is_transient()
    {
        var ch = new FailingChannel(new ReplayChannel().Greet(Greeting).Step("CAPA\r\n", CapaClear)) { FailReadAfter = 1, FailRead = new ChannelException(ChannelError.Timeout, "read timed out") };
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), Options()).Connect);
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(Pop3Stage.Capa, e.Stage);
        Assert.IsType<ChannelException>(e.InnerException);
        Assert.True(ch.Inner.Closed);
    }

    [Fact]
    public void Apop_is_used_when_asked_and_the_greeting_has_a_timestamp_even_in_clear()
    {
        var ch = new ReplayChannel()
            .Greet("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n")
            .Step("CAPA\r\n", "-ERR\r\n")
            .Step("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n", "+OK mrose's maildrop has 2 messages (320 octets)\r\n");
        var options = new Pop3Options { Host = "dbc.mtview.ca.us", Port = 110, Tls = TlsMode.None, User = "mrose", Password = "tanstaaf", UseApop = true };
        var client = new Pop3Client(new ReplayConnector(ch), options);
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.Equal(Pop3Capabilities.NoCapa | Pop3Capabilities.Apop, client.Capabilities);
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public void Apop_asked_for_but_no_timestamp_falls_back_under_the_tls_rule()
    {
        var ch = new ReplayChannel()
            .Greet("+OK POP3 server ready\r\n")
            .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n");
        var options = Options(TlsMode.None);
        options.UseApop = true;
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), options).Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.DoesNotContain("USER", ClientLines(ch));
    }

    [Fact]
    public void A_timestamp_in_the_greeting_is_not_used_unless_apop_is_asked_for()
    {
        var ch = new ReplayChannel()
            .Greet("+OK ready <1.2@host>\r\n")
            .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n")
            .Step("USER " + User + "\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "+OK\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit));
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.True((client.Capabilities & Pop3Capabilities.Apop) != 0);
    }

    [Fact]
    public void Apop_refused_is_a_permanent_auth_error()
    {
        var ch = new ReplayChannel()
            .Greet("+OK <1.2@host>\r\n")
            .Step("CAPA\r\n", "-ERR\r\n")
            .Step("APOP mrose " + Apop.Digest("<1.2@host>", "wrong") + "\r\n", "-ERR [AUTH] permission denied\r\n");
        var options = new Pop3Options { Host = "h", Tls = TlsMode.None, User = "mrose", Password = "wrong", UseApop = true };
        var e = Assert.Throws<Pop3Exception>(new Pop3Client(new ReplayConnector(ch), options).Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3ResponseCode.Auth, e.CodeKind);
    }

    [Fact]
    public void The_log_shows_the_dialogue_but_never_pass_or_auth_arguments()
    {
        var log = new ListLog();
        var plain = new Pop3Client(new ReplayConnector(StlsAndPlain()), Options(), log);
        plain.Connect();

        var userPass = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", CapaTls)
            .Step("USER " + User + "\r\n", "+OK\r\n")
            .Step("PASS " + Password + "\r\n", "+OK Logged in.\r\n");
        var options = Options(TlsMode.Implicit);
        options.PreferUserPass = true;
        new Pop3Client(new ReplayConnector(userPass), options, log).Connect();

        var all = string.Join("\n", log.Lines);
        Assert.Contains("C: AUTH PLAIN ********", all);
        Assert.Contains("C: PASS ********", all);
        Assert.Contains("C: USER " + User, all);
        Assert.Contains("S: +OK Logged in.", all);
        Assert.Contains("C: STLS", all);
        Assert.DoesNotContain(Password, all);
        Assert.DoesNotContain(PlainResponse, all);
        Assert.All(log.Levels, l => Assert.Equal(LogLevel.Debug, l));
    }

    [Fact]
    public void The_log_masks_the_apop_digest_and_sasl_continuations()
    {
        var log = new ListLog();
        var apop = new ReplayChannel()
            .Greet("+OK <1896.697170952@dbc.mtview.ca.us>\r\n")
            .Step("CAPA\r\n", "-ERR\r\n")
            .Step("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n", "+OK\r\n");
        new Pop3Client(new ReplayConnector(apop), new Pop3Options { Host = "h", Tls = TlsMode.None, User = "mrose", Password = "tanstaaf", UseApop = true }, log).Connect();

        var login = new ReplayChannel()
            .Greet(Greeting)
            .Step("CAPA\r\n", "+OK\r\nSASL LOGIN\r\n.\r\n")
            .Step("AUTH LOGIN\r\n", "+ VXNlcm5hbWU6\r\n")
            .Step(B64(User) + "\r\n", "+ UGFzc3dvcmQ6\r\n")
            .Step(B64(Password) + "\r\n", "+OK\r\n");
        new Pop3Client(new ReplayConnector(login), Options(TlsMode.Implicit), log).Connect();

        var all = string.Join("\n", log.Lines);
        Assert.Contains("C: APOP mrose ********", all);
        Assert.DoesNotContain("c4c9334bac560ecc979e58001b3e22fb", all);
        Assert.Contains("C: ********", all);
        Assert.DoesNotContain(B64(Password), all);
    }

    [Fact]
    public void Settings_are_read_from_the_pop3_keys()
    {
        var parsed = Gateway.Core.Config.GatewayConfig.Parse(
            Base + "pop3.host = pop.example.com\npop3.tls = starttls\npop3.user = dev@example.com\npop3.password = pw\n" +
            "pop3.allow-plain-auth = false\npop3.timeout = 20s\ncommand.key = " + Convert.ToBase64String(new byte[32]) + "\n");
        Assert.True(parsed.IsValid, parsed.ToString());
        var o = Pop3Settings.FromConfig(parsed.Config!);
        Assert.Equal("pop.example.com", o.Host);
        Assert.Equal(110, o.Port);
        Assert.Equal(TlsMode.StartTls, o.Tls);
        Assert.Equal("dev@example.com", o.User);
        Assert.Equal("pw", o.Password);
        Assert.Null(o.Token);
        Assert.False(o.AllowPlainAuth);
        Assert.False(o.UseApop);
        Assert.Equal(20000, o.TimeoutMs);
    }

    [Fact]
    public void Implicit_tls_is_the_default_on_995()
    {
        var parsed = Gateway.Core.Config.GatewayConfig.Parse(
            Base + "pop3.host = pop.example.com\npop3.user = d\npop3.token = tok\ncommand.key = " + Convert.ToBase64String(new byte[32]) + "\n");
        Assert.True(parsed.IsValid, parsed.ToString());
        var o = Pop3Settings.FromConfig(parsed.Config!);
        Assert.Equal(TlsMode.Implicit, o.Tls);
        Assert.Equal(995, o.Port);
        Assert.Equal("tok", o.Token);
    }

    const string Base = "device.id = dev01\nsmtp.host = smtp.example.com\nsmtp.from = dev01@example.com\nalert.to = ops@example.com\n";

    internal static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    internal static string ClientLines(ReplayChannel ch) =>
        string.Concat(ch.Transcript.Split('\n').Where(l => l.StartsWith("C:")));

    internal sealed class ListLog : ILog
    {
        public readonly List<string> Lines = [];
        public readonly List<LogLevel> Levels = [];

        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string text)
        {
            Lines.Add(text);
            Levels.Add(level);
        }
    }

    /// <summary>Hands out the channel as it is, whatever TLS was asked for.</summary>
    sealed class PlainConnector(IChannel channel) : IConnector
    {
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => channel;
    }

    sealed class FailingConnector : IConnector
    {
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) =>
            throw new ChannelException(ChannelError.ConnectFailed, "connection refused");
    }

    /// <summary>A replayed dialogue that fails the TLS upgrade or a later read, as a real network can.</summary>
    internal sealed class FailingChannel(ReplayChannel inner) : IChannel
    {
        int _reads;

        public ReplayChannel Inner => inner;
        public ChannelException? FailTls { get; init; }
        public ChannelException? FailRead { get; init; }
        public int FailReadAfter { get; init; }

        public bool IsEncrypted => inner.IsEncrypted;

        public int Read(byte[] buffer, int offset, int count)
        {
            if (FailRead != null && _reads++ >= FailReadAfter) throw FailRead;
            return inner.Read(buffer, offset, count);
        }

        public void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public void StartTls(string host)
        {
            if (FailTls != null) throw FailTls;
            inner.StartTls(host);
        }

        public void Close() => inner.Close();
    }
}
