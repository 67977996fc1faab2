using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Imap;

namespace Gateway.Core.Tests.Imap;

/// <summary>Scripted server dialogues in the shapes of RFC 9051 and Dovecot: greeting, STARTTLS, login, SELECT, SEARCH, FETCH, IDLE.</summary>
public class ImapClientTests
{
    internal const string Greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.\r\n";
    internal const string CapabilityTls = "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN\r\n";
    internal const string LoggedIn = "OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE LITERAL+] Logged in\r\n";
    internal const string User = "device@gateway.test";
    internal const string Password = "s3cret-Pa55";
    internal static readonly string PlainResponse = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + User + "\0" + Password));

    internal static ImapOptions Options(TlsMode tls = TlsMode.StartTls) => new()
    {
        Host = "mail.gateway.test",
        Port = tls == TlsMode.Implicit ? 993 : 143,
        Tls = tls,
        User = User,
        Password = Password,
    };

    /// <summary>Dovecot on 143: STARTTLS, CAPABILITY again, AUTHENTICATE PLAIN with SASL-IR.</summary>
    internal static ReplayChannel StartTlsAndPlain(ReplayChannel.Delivery delivery = ReplayChannel.Delivery.Whole) => new ReplayChannel(delivery)
        .Greet(Greeting)
        .Step("A1 STARTTLS\r\n", "A1 OK Begin TLS negotiation now.\r\n")
        .Step("A2 CAPABILITY\r\n", CapabilityTls + "A2 OK Pre-login capabilities listed, post-login capabilities have more.\r\n")
        .Step("A3 AUTHENTICATE PLAIN " + PlainResponse + "\r\n", "A3 " + LoggedIn);

    internal static ImapClient Connected(ReplayChannel ch, ILog? log = null)
    {
        var client = new ImapClient(new ReplayConnector(ch), Options(), log);
        client.Connect();
        return client;
    }

    static ImapOptions NoUser()
    {
        var o = Options(TlsMode.None);
        o.User = null;
        return o;
    }

    internal sealed class Lines : Gateway.Core.Text.ILineSink
    {
        public readonly List<string> All = [];
        public void Line(byte[] buffer, int offset, int count) => All.Add(Encoding.UTF8.GetString(buffer, offset, count));
    }

    internal sealed class ListLog : ILog
    {
        public readonly List<string> Lines = [];
        public void Write(LogLevel level, string text) => Lines.Add(text);
        public bool IsEnabled(LogLevel level) => true;
    }

    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByLine)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void Starttls_then_capability_again_then_authenticate_plain_with_sasl_ir(ReplayChannel.Delivery delivery)
    {
        var ch = StartTlsAndPlain(delivery).Step("A4 LOGOUT\r\n", "* BYE Logging out\r\nA4 OK Logout completed.\r\n");
        var client = Connected(ch);
        Assert.True(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
        Assert.Equal(1, ch.TlsUpgrades);
        Assert.Equal("Dovecot (Debian) ready.", client.Greeting);
        Assert.True((client.Capabilities & ImapCapabilities.UidPlus) != 0, "the capabilities sent with the login's OK count");
        Assert.True(client.Logout());
        Assert.True(ch.Finished, ch.Transcript);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void Data_injected_after_the_starttls_reply_is_refused()
    {
        var ch = new ReplayChannel()
            .Greet(Greeting)
            .Step("A1 STARTTLS\r\n", "A1 OK Begin TLS negotiation now.\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
        var client = new ImapClient(new ReplayConnector(ch), Options());
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal(ImapErrorKind.Security, e.Kind);
        Assert.Contains("injected", e.Message);
        Assert.Equal(0, ch.TlsUpgrades);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void A_server_without_starttls_is_never_sent_credentials()
    {
        var ch = new ReplayChannel().Greet("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        var client = new ImapClient(new ReplayConnector(ch), Options());
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal(ImapErrorKind.Security, e.Kind);
        Assert.Contains("STARTTLS", e.Message);
        Assert.DoesNotContain("AUTHENTICATE", ch.Transcript);
    }

    [Fact]
    public void A_clear_connection_refuses_to_log_in()
    {
        var ch = new ReplayChannel().Greet("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        var client = new ImapClient(new ReplayConnector(ch), Options(TlsMode.None));
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal(ImapErrorKind.Security, e.Kind);
        Assert.DoesNotContain(Password, ch.Transcript);
    }

    [Fact]
    public void Preauth_before_starttls_is_refused()
    {
        var ch = new ReplayChannel().Greet("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] logged in as device\r\n");
        var e = Assert.Throws<ImapException>(() => new ImapClient(new ReplayConnector(ch), Options()).Connect());
        Assert.Equal(ImapErrorKind.Security, e.Kind);
    }

    [Fact]
    public void Without_sasl_ir_the_initial_response_answers_the_empty_continuation()
    {
        var ch = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
            .Step("A1 AUTHENTICATE PLAIN\r\n", "+ \r\n")
            .Step(PlainResponse + "\r\n", "A1 OK done\r\n");
        var client = new ImapClient(new ReplayConnector(ch), Options(TlsMode.Implicit));
        client.Connect();
        Assert.True(client.IsAuthenticated);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Endless_continuations_to_authenticate_are_cancelled_through_the_one_sasl_exchange()
    {
        // PLAIN answers an empty challenge with its response again: the shared exchange stops after
        // SaslExchange.MaxChallenges and cancels with "*" (RFC 9051 6.2.2); the log shows no secret.
        var ch = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n")
            .Step("A1 AUTHENTICATE PLAIN " + PlainResponse + "\r\n", "+ \r\n");
        for (int i = 0; i < Gateway.Mail.Sasl.SaslExchange.MaxChallenges - 1; i++)
            ch.Step(PlainResponse + "\r\n", "+ \r\n");
        ch.Step(PlainResponse + "\r\n", "+ \r\n").Step("*\r\n", "A1 BAD AUTHENTICATE cancelled\r\n");
        var log = new ListLog();
        var client = new ImapClient(new ReplayConnector(ch), Options(TlsMode.Implicit), log);
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal(ImapErrorKind.Protocol, e.Kind);
        Assert.Contains("more than 4 challenges", e.Message);
        Assert.True(ch.Finished, ch.Transcript);
        Assert.False(client.IsConnected);
        Assert.DoesNotContain(log.Lines, l => l.Contains(PlainResponse));
        Assert.Contains(log.Lines, l => l == "C: A1 AUTHENTICATE PLAIN ********");
    }

    [Fact]
    public void Login_quotes_its_arguments_and_the_log_never_shows_the_password()
    {
        var options = Options(TlsMode.Implicit);
        options.Password = "pa\"ss\\word";
        var ch = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1] ready\r\n")
            .Step("A1 LOGIN \"" + User + "\" \"pa\\\"ss\\\\word\"\r\n", "A1 OK Logged in\r\n");
        var log = new ListLog();
        var client = new ImapClient(new ReplayConnector(ch), options, log);
        client.Connect();
        Assert.True(ch.Finished, ch.Transcript);
        Assert.DoesNotContain(log.Lines, l => l.Contains("word"));
        Assert.Contains(log.Lines, l => l.Contains("LOGIN \"" + User + "\" ********"));
    }

    [Fact]
    public void A_refused_login_carries_its_response_code()
    {
        var ch = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n")
            .Step("A1 AUTHENTICATE PLAIN " + PlainResponse + "\r\n", "A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
        var client = new ImapClient(new ReplayConnector(ch), Options(TlsMode.Implicit));
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal(ImapErrorKind.Permanent, e.Kind);
        Assert.Equal("AUTHENTICATIONFAILED", e.Code);
        Assert.Equal("Authentication failed.", e.ServerText);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Select_reads_uidvalidity_uidnext_and_exists_as_in_rfc_9051()
    {
        var ch = StartTlsAndPlain().Step("A4 SELECT \"INBOX\"\r\n",
            "* 172 EXISTS\r\n* 1 RECENT\r\n* OK [UNSEEN 12] Message 12 is first unseen\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
            + "* OK [UIDNEXT 4392] Predicted next UID\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\nA4 OK [READ-WRITE] SELECT completed\r\n");
        var client = Connected(ch);
        client.Select("INBOX");
        Assert.Equal(3857529045L, client.UidValidity);
        Assert.Equal(4392, client.UidNext);
        Assert.Equal(172, client.Exists);
    }

    [Fact]
    public void Uid_search_returns_the_uids()
    {
        var ch = StartTlsAndPlain().Step("A4 UID SEARCH UNDELETED\r\n", "* SEARCH 2 84 882\r\nA4 OK SEARCH completed\r\n");
        Assert.Equal([2L, 84, 882], Connected(ch).SearchUids("UNDELETED"));
    }

    [Fact]
    public void Fetch_headers_streams_the_literal_and_returns_the_size()
    {
        const string headers = "From: ops@gateway.test\r\nSubject: itdev commands\r\n\r\n";
        var ch = StartTlsAndPlain().Step("A4 UID FETCH 7 (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])\r\n",
            "* 3 FETCH (UID 7 RFC822.SIZE 1234 BODY[HEADER.FIELDS (FROM SUBJECT)] {" + headers.Length + "}\r\n" + headers + ")\r\nA4 OK Fetch completed.\r\n");
        var sink = new Lines();
        long size = Connected(ch).FetchHeaders(7, "FROM SUBJECT", sink, 65536);
        Assert.Equal(1234, size);
        Assert.Equal(["From: ops@gateway.test", "Subject: itdev commands", ""], sink.All);
    }

    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void Fetch_body_streams_a_literal_that_ends_without_a_line_break(ReplayChannel.Delivery delivery)
    {
        const string message = "Subject: x\r\n\r\nline one\r\n)not the end\r\nlast";
        var ch = StartTlsAndPlain(delivery).Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n",
            "* 3 FETCH (UID 7 FLAGS (\\Seen) BODY[] {" + message.Length + "}\r\n" + message + ")\r\n* 4 EXISTS\r\nA4 OK Fetch completed.\r\n");
        var sink = new Lines();
        var client = Connected(ch);
        Assert.Equal(message.Length, client.FetchBody(7, sink, 65536));
        Assert.Equal(["Subject: x", "", "line one", ")not the end", "last"], sink.All);
        Assert.True(client.NewMail);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void A_message_gone_from_the_server_fetches_nothing()
    {
        var ch = StartTlsAndPlain().Step("A4 UID FETCH 9 (UID BODY.PEEK[])\r\n", "A4 OK Fetch completed.\r\n");
        Assert.Equal(-1, Connected(ch).FetchBody(9, new Lines(), 65536));
    }

    [Fact]
    public void A_literal_over_the_limit_is_refused_unread_and_ends_the_session()
    {
        var ch = StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n", "* 3 FETCH (UID 7 BODY[] {104857600}\r\nxxxx");
        var client = Connected(ch);
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, new Lines(), 65536));
        Assert.Equal(ImapErrorKind.Limit, e.Kind);
        Assert.False(client.IsConnected);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void A_message_line_longer_than_the_buffer_is_a_limit()
    {
        string line = new string('x', 3000);
        var ch = StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n", "* 3 FETCH (UID 7 BODY[] {3002}\r\n" + line + "\r\n)\r\nA4 OK\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, new Lines(), 65536));
        Assert.Equal(ImapErrorKind.Limit, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Bye_in_the_middle_of_a_fetch_is_transient_and_closes()
    {
        var ch = StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n", "* BYE [UNAVAILABLE] Server shutting down.\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, new Lines(), 65536));
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.Equal("BYE", e.Status);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void An_endless_response_line_is_a_protocol_error()
    {
        var ch = StartTlsAndPlain().Step("A4 NOOP\r\n", "* OK " + string.Concat(Enumerable.Repeat("word ", 1000)) + "\r\nA4 OK\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<ImapException>(client.Noop);
        Assert.Equal(ImapErrorKind.Protocol, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Endless_untagged_responses_are_a_protocol_error()
    {
        var generated = new GeneratedChannel(Greeting.Replace(" STARTTLS", ""), "* 1 RECENT\r\n", long.MaxValue, "");
        var client = new ImapClient(new ReplayConnector(generated), NoUser());
        client.Connect();
        var e = Assert.Throws<ImapException>(client.Noop);
        Assert.Equal(ImapErrorKind.Protocol, e.Kind);
        Assert.Contains("untagged", e.Message);
    }

    [Fact]
    public void Quoted_strings_with_escapes_nil_and_literals_anywhere_are_skipped_in_unknown_responses()
    {
        var ch = StartTlsAndPlain().Step("A4 NOOP\r\n",
            "* LIST (\\HasNoChildren) \"/\" \"a \\\"quoted\\\" \\\\ name\"\r\n* LIST () NIL {5}\r\nlit\r\n\r\n* 5 FETCH (FLAGS (\\Seen) X-THING {3+}\r\nabc)\r\nA4 OK NOOP completed.\r\n");
        var client = Connected(ch);
        client.Noop();
        Assert.True(client.IsConnected);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void A_no_leaves_the_session_usable()
    {
        var ch = StartTlsAndPlain()
            .Step("A4 SELECT \"Commands\"\r\n", "A4 NO [NONEXISTENT] Mailbox doesn't exist: Commands\r\n")
            .Step("A5 NOOP\r\n", "A5 OK\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<ImapException>(() => client.Select("Commands"));
        Assert.True(e.HasResponse);
        Assert.Equal("NONEXISTENT", e.Code);
        client.Noop();
        Assert.True(ch.Finished);
    }

    [Fact]
    public void Store_and_uid_expunge_with_uidplus()
    {
        var ch = StartTlsAndPlain()
            .Step("A4 UID STORE 7 +FLAGS.SILENT (\\Seen \\Deleted)\r\n", "A4 OK Store completed.\r\n")
            .Step("A5 UID EXPUNGE 7\r\n", "* 3 EXPUNGE\r\nA5 OK Expunge completed.\r\n");
        var client = Connected(ch);
        client.AddFlags(7, "\\Seen \\Deleted");
        client.Expunge(7);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Without_uidplus_expunge_removes_every_deleted_message()
    {
        var ch = new ReplayChannel()
            .Greet("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n")
            .Step("A1 AUTHENTICATE PLAIN " + PlainResponse + "\r\n", "A1 OK\r\n")
            .Step("A2 EXPUNGE\r\n", "A2 OK\r\n");
        var client = new ImapClient(new ReplayConnector(ch), Options(TlsMode.Implicit));
        client.Connect();
        client.Expunge(7);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Idle_waits_until_exists_then_done_as_in_rfc_2177()
    {
        var ch = StartTlsAndPlain()
            .Step("A4 IDLE\r\n", "+ idling\r\n")
            .Step("", "* 4 EXISTS\r\n")
            .Step("DONE\r\n", "A4 OK IDLE terminated\r\n");
        var client = Connected(ch);
        client.StartIdle();
        Assert.True(client.IsIdling);
        Assert.True(client.WaitIdle(1000));
        Assert.Equal(4, client.Exists);
        client.StopIdle();
        Assert.False(client.IsIdling);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void A_quiet_idle_returns_without_reading()
    {
        var ch = StartTlsAndPlain()
            .Step("A4 IDLE\r\n", "+ idling\r\n")
            .Step("DONE\r\n", "A4 OK IDLE terminated\r\n");
        var client = Connected(ch);
        client.StartIdle();
        Assert.False(client.WaitIdle(10));
        Assert.True(client.IsIdling);
        client.StopIdle();
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Done_without_an_answer_is_a_dead_connection()
    {
        var ch = StartTlsAndPlain()
            .Step("A4 IDLE\r\n", "+ idling\r\n")
            .Step("DONE\r\n", "");
        var client = Connected(ch);
        client.StartIdle();
        var e = Assert.Throws<ImapException>(client.StopIdle);
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Idle_refused_leaves_the_session_usable()
    {
        var ch = StartTlsAndPlain()
            .Step("A4 IDLE\r\n", "A4 BAD not now\r\n")
            .Step("A5 NOOP\r\n", "A5 OK\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<ImapException>(client.StartIdle);
        Assert.True(e.HasResponse);
        client.Noop();
        Assert.True(ch.Finished);
    }
}
