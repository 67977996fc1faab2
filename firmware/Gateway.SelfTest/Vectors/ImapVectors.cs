using System;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Imap;

namespace Gateway.SelfTest.Vectors;

/// <summary>IMAP sessions through a scripted server in Dovecot's shapes: literals, IDLE, BYE, codes, limits.</summary>
public static class ImapVectors
{
    const string Greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR IDLE LITERAL+ UIDPLUS AUTH=PLAIN] ready\r\n";
    const string Plain = "A1 AUTHENTICATE PLAIN AGRldgBwdw==\r\n"; // base64 of NUL "dev" NUL "pw"

    static ImapOptions Options()
    {
        var o = new ImapOptions();
        o.Host = "imap.gateway.test";
        o.Tls = TlsMode.Implicit;
        o.User = "dev";
        o.Password = "pw";
        return o;
    }

    static ScriptChannel LoggedIn(int chunk) => new ScriptChannel(chunk)
        .Step("", Greeting)
        .Step(Plain, "A1 OK Logged in\r\n")
        .Step("A2 SELECT \"INBOX\"\r\n", "* 1 EXISTS\r\n* OK [UIDVALIDITY 1700000001] UIDs valid\r\n* OK [UIDNEXT 8] Predicted next UID\r\nA2 OK [READ-WRITE] Select completed.\r\n");

    static ImapClient Connect(ScriptChannel ch)
    {
        var c = new ImapClient(new ScriptConnector(ch), Options());
        c.Connect();
        c.Select("INBOX");
        return c;
    }

    /// <summary>Runs <paramref name="step"/>, which must fail as <paramref name="kind"/>; the exception, for more checks.</summary>
    static ImapException? Fails(SelfTestRunner t, ImapErrorKind kind, Action step)
    {
        var e = t.Throws("ImapException", step) as ImapException;
        t.True(e != null && e.Kind == kind, "kind " + Ascii.FromInt((int)kind) + ": " + (e == null ? "no ImapException" : e.Message));
        return e;
    }

    public static void Run(SelfTestRunner t)
    {
        t.Test("imap session: SASL-IR login, SELECT, SEARCH, FETCH literals, STORE, UID EXPUNGE, LOGOUT", () =>
        {
            const string header = "From: ops@gateway.test\r\nSubject: cmd\r\n\r\n";
            const string body = "Subject: cmd\r\n\r\n.dot stays\r\nrelay1 on\r\n";
            var ch = LoggedIn(5)
                .Step("A3 UID SEARCH UNDELETED\r\n", "* SEARCH 7\r\nA3 OK Search completed.\r\n")
                .Step("A4 UID FETCH 7 (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])\r\n",
                    "* 1 FETCH (UID 7 RFC822.SIZE 41 BODY[HEADER.FIELDS (\"FROM\" \"SUBJECT\")] {" + Ascii.FromInt(header.Length) + "}\r\n" + header + ")\r\nA4 OK Fetch completed.\r\n")
                .Step("A5 UID FETCH 7 (UID BODY.PEEK[])\r\n",
                    "* 1 FETCH (UID 7 BODY[] {" + Ascii.FromInt(body.Length) + "}\r\n" + body + ")\r\nA5 OK Fetch completed.\r\n")
                .Step("A6 UID STORE 7 +FLAGS.SILENT (\\Seen \\Deleted)\r\n", "A6 OK Store completed.\r\n")
                .Step("A7 UID EXPUNGE 7\r\n", "* 1 EXPUNGE\r\nA7 OK Expunge completed.\r\n")
                .Step("A8 LOGOUT\r\n", "* BYE Logging out\r\nA8 OK Logout completed.\r\n");
            var c = Connect(ch);
            t.Equal(1700000001, c.UidValidity);
            t.Equal(8, c.UidNext);
            t.Equal(1, c.Exists);
            var uids = c.SearchUids("UNDELETED");
            t.Equal(1, uids.Length);
            t.Equal(7, uids[0]);
            var head = new CollectedLines();
            t.Equal(41, c.FetchHeaders(7, "FROM SUBJECT", head, 4096));
            t.Equal("From: ops@gateway.test\nSubject: cmd\n\n", head.Text);
            var all = new CollectedLines();
            t.Equal(body.Length, c.FetchBody(7, all, 4096));
            t.Equal("Subject: cmd\n\n.dot stays\nrelay1 on\n", all.Text);
            c.AddFlags(7, "\\Seen \\Deleted");
            c.Expunge(7);
            t.True(c.Logout(), "LOGOUT answered OK");
            t.True(ch.Done, ch.Error);
        });
        t.Test("imap idle: a quiet wait, EXISTS pushed ends it, DONE answered", () =>
        {
            var ch = LoggedIn(100)
                .Step("A3 IDLE\r\n", "+ idling\r\n")
                .Step("", "* 2 EXISTS\r\n")
                .Step("DONE\r\n", "A3 OK Idle completed.\r\n");
            var c = Connect(ch);
            c.ClearNewMail();
            t.True(c.CanIdle, "IDLE offered and the channel can wait");
            c.StartIdle();
            t.True(c.IsIdling, "idling after the continuation");
            t.True(c.WaitIdle(1000), "EXISTS announced");
            t.Equal(2, c.Exists);
            c.StopIdle();
            t.True(!c.IsIdling && c.IsConnected, "DONE answered, the session goes on");
            t.True(ch.Done, ch.Error);
        });
        t.Test("imap idle: nothing from the server is a quiet wait", () =>
        {
            var ch = LoggedIn(100)
                .Step("A3 IDLE\r\n", "+ idling\r\n")
                .Step("DONE\r\n", "A3 OK Idle completed.\r\n");
            var c = Connect(ch);
            c.ClearNewMail();
            c.StartIdle();
            t.True(!c.WaitIdle(10), "no new mail");
            c.StopIdle();
            t.True(ch.Done, ch.Error);
        });
        t.Test("imap BYE instead of the FETCH's answer is a transient error and closes", () =>
        {
            var ch = LoggedIn(7)
                .Step("A3 UID FETCH 7 (UID BODY.PEEK[])\r\n", "* 1 FETCH (UID 7 BODY[] {14}\r\nSubject: cmd\r\n)\r\n* BYE Server shutting down.\r\n");
            var c = Connect(ch);
            var e = Fails(t, ImapErrorKind.Transient, () => c.FetchBody(7, new CollectedLines(), 4096));
            t.Equal("BYE", e == null ? "" : e.Status);
            t.True(!c.IsConnected, "closed");
        });
        t.Test("imap connection cut inside a FETCH literal is a transient error and closes", () =>
        {
            var ch = LoggedIn(7)
                .Step("A3 UID FETCH 7 (UID BODY.PEEK[])\r\n", "* 1 FETCH (UID 7 BODY[] {200}\r\nSubject: cmd\r\n");
            var c = Connect(ch);
            Fails(t, ImapErrorKind.Transient, () => c.FetchBody(7, new CollectedLines(), 4096));
            t.True(!c.IsConnected, "closed");
        });
        t.Test("imap server BYE while idling ends the session", () =>
        {
            var ch = LoggedIn(100)
                .Step("A3 IDLE\r\n", "+ idling\r\n")
                .Step("", "* BYE Server shutting down.\r\n");
            var c = Connect(ch);
            c.StartIdle();
            Fails(t, ImapErrorKind.Transient, () => c.WaitIdle(1000));
            t.True(!c.IsConnected, "closed");
        });
        t.Test("imap NO [AUTHENTICATIONFAILED] is permanent and names its code", () =>
        {
            var ch = new ScriptChannel(100)
                .Step("", Greeting)
                .Step(Plain, "A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
            var c = new ImapClient(new ScriptConnector(ch), Options());
            var e = Fails(t, ImapErrorKind.Permanent, () => c.Connect());
            t.Equal("AUTHENTICATIONFAILED", e == null ? "" : e.Code);
            t.True(e == null || e.Message.IndexOf("pw") < 0, "no password in the message");
        });
        t.Test("imap LOGIN quotes its arguments when PLAIN is not offered", () =>
        {
            var o = Options();
            o.Password = "p\"w\\";
            var ch = new ScriptChannel(100)
                .Step("", "* OK [CAPABILITY IMAP4rev1] ready\r\n")
                .Step("A1 LOGIN \"dev\" \"p\\\"w\\\\\"\r\n", "A1 OK Logged in\r\n");
            var c = new ImapClient(new ScriptConnector(ch), o);
            c.Connect();
            t.True(c.IsAuthenticated, "logged in");
            t.True(ch.Done, ch.Error);
        });
        t.Test("imap literal over the caller's limit is a Limit error, never a bigger buffer", () =>
        {
            var ch = LoggedIn(100)
                .Step("A3 UID FETCH 7 (UID BODY.PEEK[])\r\n", "* 1 FETCH (UID 7 BODY[] {100000}\r\nSubject: x\r\n");
            var c = Connect(ch);
            Fails(t, ImapErrorKind.Limit, () => c.FetchBody(7, new CollectedLines(), 4096));
        });
        t.Test("imap quoted strings with escapes and NIL in a response are read", () =>
        {
            var ch = LoggedIn(3)
                .Step("A3 NOOP\r\n", "* 1 FETCH (UID 7 FLAGS (\\Seen) X-NAME \"a \\\"q\\\" \\\\ b\" X-NIL NIL)\r\n* 3 EXISTS\r\nA3 OK NOOP completed.\r\n");
            var c = Connect(ch);
            c.Noop();
            t.Equal(3, c.Exists);
            t.True(c.IsConnected && ch.Done, ch.Error);
        });
    }
}
