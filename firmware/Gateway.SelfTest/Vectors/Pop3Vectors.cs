using Gateway.Core.Crypto;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Pop3;

namespace Gateway.SelfTest.Vectors;

/// <summary>POP3 sessions through a scripted server, and the digests APOP needs.</summary>
public static class Pop3Vectors
{
    static Pop3Options Options()
    {
        var o = new Pop3Options();
        o.Host = "pop.gateway.test";
        o.Tls = TlsMode.Implicit;
        o.User = "dev";
        o.Password = "pw";
        o.PreferUserPass = true;
        return o;
    }

    public static void Run(SelfTestRunner t)
    {
        t.Test("md5 matches RFC 1321", () =>
        {
            var abc = Utf8.GetBytes("abc");
            t.Equal("900150983cd24fb0d6963f7d28e17f72", Md5.ToHex(Md5.Hash(abc, 0, abc.Length)));
        });
        t.Test("apop digest matches RFC 1939's example", () =>
            t.Equal("c4c9334bac560ecc979e58001b3e22fb", Apop.Digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf")));
        t.Test("pop3 session: CAPA, login, UIDL, TOP, RETR unstuffed, DELE, QUIT", () =>
        {
            var ch = new ScriptChannel(5)
                .Step("", "+OK ready\r\n")
                .Step("CAPA\r\n", "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n")
                .Step("USER dev\r\n", "+OK\r\n")
                .Step("PASS pw\r\n", "+OK logged in\r\n")
                .Step("UIDL\r\n", "+OK\r\n1 u-1\r\n.\r\n")
                .Step("TOP 1 0\r\n", "+OK\r\nSubject: cmd\r\n\r\n.\r\n")
                .Step("RETR 1\r\n", "+OK\r\nSubject: cmd\r\n\r\n..dot\r\nrelay1 on\r\n.\r\n")
                .Step("DELE 1\r\n", "+OK\r\n")
                .Step("QUIT\r\n", "+OK bye\r\n");
            var c = new Pop3Client(new ScriptConnector(ch), Options());
            c.Connect();
            var uids = c.ListUids(10);
            t.Equal(1, uids.Length);
            t.Equal("u-1", uids[0].Uid);
            var head = new CollectedLines();
            c.Top(1, 0, head, 4096);
            t.Equal("Subject: cmd\n\n", head.Text);
            var all = new CollectedLines();
            c.Retrieve(1, all, 4096);
            t.Equal("Subject: cmd\n\n.dot\nrelay1 on\n", all.Text);
            c.Delete(1);
            t.True(c.Quit(), "QUIT committed");
            t.True(ch.Done, ch.Error);
        });
        t.Test("pop3 -ERR to a command keeps the session", () =>
        {
            var ch = new ScriptChannel(100)
                .Step("", "+OK ready\r\n")
                .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n")
                .Step("USER dev\r\n", "+OK\r\n")
                .Step("PASS pw\r\n", "+OK\r\n")
                .Step("DELE 9\r\n", "-ERR no such message\r\n")
                .Step("NOOP\r\n", "+OK\r\n");
            var c = new Pop3Client(new ScriptConnector(ch), Options());
            c.Connect();
            var e = t.Throws("Pop3Exception", () => c.Delete(9)) as Pop3Exception;
            t.True(e != null && e.HasResponse, "a response error");
            c.Noop();
            t.True(ch.Done, ch.Error);
        });
        t.Test("pop3 wrong password is a permanent [AUTH] error", () =>
        {
            var ch = new ScriptChannel(100)
                .Step("", "+OK ready\r\n")
                .Step("CAPA\r\n", "+OK\r\nUSER\r\n.\r\n")
                .Step("USER dev\r\n", "+OK\r\n")
                .Step("PASS pw\r\n", "-ERR [AUTH] Authentication failed.\r\n");
            var c = new Pop3Client(new ScriptConnector(ch), Options());
            var e = t.Throws("Pop3Exception", () => c.Connect()) as Pop3Exception;
            t.True(e != null && e.Kind == Pop3ErrorKind.Permanent && e.Code == "AUTH", "permanent AUTH");
        });
    }
}
