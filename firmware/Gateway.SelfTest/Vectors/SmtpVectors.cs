using System;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Smtp;

namespace Gateway.SelfTest.Vectors;

/// <summary>Whole SMTP sessions through a scripted server, every byte the client sends checked.</summary>
public static class SmtpVectors
{
    const string Greeting = "220 mail.gateway.test ESMTP\r\n";
    const string EhloClear = "250-mail.gateway.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n";
    const string EhloTls = "250-mail.gateway.test\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";

    static SmtpOptions Options(TlsMode tls, string? user)
    {
        var o = new SmtpOptions();
        o.Host = "mail.gateway.test";
        o.Port = 587;
        o.Tls = tls;
        o.User = user;
        o.Password = "pw";
        o.HeloName = "dev.local";
        return o;
    }

    // "\0dev\0pw" as bytes: a nanoFramework string would end at the first NUL.
    static string Plain() => Base64.Encode(new byte[] { 0, 0x64, 0x65, 0x76, 0, 0x70, 0x77 });

    static ScriptChannel StartTlsPlain(int chunk) => new ScriptChannel(chunk)
        .Step("", Greeting)
        .Step("EHLO dev.local\r\n", EhloClear)
        .Step("STARTTLS\r\n", "220 2.0.0 Ready\r\n")
        .Step("EHLO dev.local\r\n", EhloTls)
        .Step("AUTH PLAIN " + Plain() + "\r\n", "235 2.7.0 ok\r\n");

    static void Session(SelfTestRunner t, int chunk)
    {
        var ch = StartTlsPlain(chunk)
            .Step("MAIL FROM:<dev@gateway.test> BODY=8BITMIME\r\nRCPT TO:<ops@gateway.test>\r\nDATA\r\n", "250 ok\r\n250 ok\r\n354 go\r\n")
            .Step("Subject: x\r\n\r\n..dot\r\n°C\r\n.\r\n", "250 2.0.0 queued as 1\r\n")
            .Step("QUIT\r\n", "221 bye\r\n");
        var c = new SmtpClient(new ScriptConnector(ch), Options(TlsMode.StartTls, "dev"));
        c.Connect();
        t.True(c.IsEncrypted, "TLS after STARTTLS");
        var msg = Utf8.GetBytes("Subject: x\r\n\r\n.dot\r\n°C\r\n");
        var r = c.Send("dev@gateway.test", new[] { "ops@gateway.test" }, msg, 0, msg.Length, true);
        c.Quit(); // the 221 is not waited for
        t.True(ch.AllSent, ch.Error.Length > 0 ? ch.Error : "script not finished");
        t.Equal(1, r.AcceptedCount);
        t.Equal(7, c.RoundTrips);
    }

    static SmtpException? Refused(SelfTestRunner t, ScriptChannel ch, TlsMode tls, string? user)
    {
        var c = new SmtpClient(new ScriptConnector(ch), Options(tls, user));
        return t.Throws("SmtpException", () => c.Connect()) as SmtpException;
    }

    public static void Run(SelfTestRunner t)
    {
        t.Test("smtp session: STARTTLS, AUTH PLAIN, pipelined, dot-stuffed", () => Session(t, 1000));
        t.Test("smtp session with replies arriving a byte at a time", () => Session(t, 1));
        t.Test("smtp AUTH LOGIN when PLAIN is not offered", () =>
        {
            var ch = new ScriptChannel(7)
                .Step("", Greeting)
                .Step("EHLO dev.local\r\n", "250-x\r\n250 AUTH LOGIN\r\n")
                .Step("AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n")
                .Step(Base64.EncodeUtf8("dev") + "\r\n", "334 UGFzc3dvcmQ6\r\n")
                .Step(Base64.EncodeUtf8("pw") + "\r\n", "235 ok\r\n");
            new SmtpClient(new ScriptConnector(ch), Options(TlsMode.Implicit, "dev")).Connect();
            t.True(ch.Done, ch.Error.Length > 0 ? ch.Error : "script not finished");
        });
        t.Test("smtp refuses to continue when STARTTLS is not offered", () =>
        {
            var e = Refused(t, new ScriptChannel(100).Step("", Greeting).Step("EHLO dev.local\r\n", "250-x\r\n250 AUTH PLAIN\r\n"), TlsMode.StartTls, "dev");
            t.True(e != null && e.Kind == SmtpErrorKind.Security && e.Stage == SmtpStage.StartTls, "Security at STARTTLS");
        });
        t.Test("smtp refuses AUTH over a clear connection", () =>
        {
            var e = Refused(t, new ScriptChannel(100).Step("", Greeting).Step("EHLO dev.local\r\n", "250-x\r\n250 AUTH PLAIN\r\n"), TlsMode.None, "dev");
            t.True(e != null && e.Kind == SmtpErrorKind.Security && e.Stage == SmtpStage.Auth, "Security at AUTH");
        });
        t.Test("smtp 535 is a permanent AUTH failure with the enhanced code", () =>
        {
            var e = Refused(t, StartTlsPlainFails(), TlsMode.StartTls, "dev");
            t.True(e != null && e.Kind == SmtpErrorKind.Permanent && e.Code == 535, "535 permanent");
            t.Equal("5.7.8", e == null ? "" : e.EnhancedCode);
        });
        t.Test("smtp 4xx to MAIL is transient and the session goes on", () =>
        {
            var ch = new ScriptChannel(100)
                .Step("", Greeting)
                .Step("EHLO dev.local\r\n", "250 x\r\n")
                .Step("MAIL FROM:<a@b.c>\r\n", "451 4.3.0 try later\r\n")
                .Step("RSET\r\n", "250 ok\r\n");
            var c = new SmtpClient(new ScriptConnector(ch), Options(TlsMode.None, null));
            c.Connect();
            var msg = Utf8.GetBytes("x");
            var e = t.Throws("SmtpException", () => c.Send("a@b.c", new[] { "d@e.f" }, msg, 0, 1, false)) as SmtpException;
            t.True(e != null && e.Kind == SmtpErrorKind.Transient && !e.IsMessageRejected, "transient, message kept");
            c.Reset();
            t.True(ch.Done, ch.Error);
        });
        t.Test("smtp 5xx to every recipient rejects the message", () =>
        {
            var ch = new ScriptChannel(100)
                .Step("", Greeting)
                .Step("EHLO dev.local\r\n", "250-x\r\n250 PIPELINING\r\n")
                .Step("MAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\r\nDATA\r\n", "250 ok\r\n554 5.7.1 Relay access denied\r\n554 5.5.1 no valid recipients\r\n");
            var c = new SmtpClient(new ScriptConnector(ch), Options(TlsMode.None, null));
            c.Connect();
            var msg = Utf8.GetBytes("x");
            var e = t.Throws("SmtpException", () => c.Send("a@b.c", new[] { "d@e.f" }, msg, 0, 1, false)) as SmtpException;
            t.True(e != null && e.IsMessageRejected && e.Code == 554, "rejected with 554");
        });
        t.Test("smtp reply reader takes multi-line replies and refuses non-SMTP", () =>
        {
            var r = new SmtpReplyReader(new LineReader(new ScriptChannel(2).Step("", "250-a\r\n250-b\r\n250 c\r\n+OK pop\r\n"), 100));
            var reply = r.Read(SmtpStage.Hello);
            t.Equal(3, reply.Lines.Length);
            t.Equal("c", reply.Lines[2]);
            var e = t.Throws("SmtpException", () => r.Read(SmtpStage.Hello)) as SmtpException;
            t.True(e != null && e.Kind == SmtpErrorKind.Protocol, "protocol error");
        });
        t.Test("smtp no greeting is transient", () =>
        {
            var e = Refused(t, new ScriptChannel(100).Step("", ""), TlsMode.StartTls, "dev");
            t.True(e != null && e.Kind == SmtpErrorKind.Transient && e.Stage == SmtpStage.Greeting, "transient at greeting");
        });
    }

    static ScriptChannel StartTlsPlainFails() => new ScriptChannel(100)
        .Step("", Greeting)
        .Step("EHLO dev.local\r\n", EhloClear)
        .Step("STARTTLS\r\n", "220 2.0.0 Ready\r\n")
        .Step("EHLO dev.local\r\n", EhloTls)
        .Step("AUTH PLAIN " + Plain() + "\r\n", "535 5.7.8 Error: authentication failed\r\n");
}
