using System.Text;
using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Interop.Tests.Rig;
using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;

namespace Gateway.Interop.Tests;

/// <summary>
/// The gateway's own SMTP client against the rig's real Postfix: the message must arrive in the
/// recipient's Maildir exactly as composed, apart from the headers the server puts in front.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewaySmtpTests(MailRigFixture fixture)
{
    SmtpClient Client(RigSettings rig, int port, TlsMode tls, string? password = null, string? ca = "rig", bool allowPlain = false) =>
        new(new SocketConnector(new TlsTrust(ca == "rig" ? rig.CaPath : ca)), new SmtpOptions
        {
            Host = rig.Host,
            Port = port,
            Tls = tls,
            User = rig.DeviceUser,
            Password = password ?? rig.DevicePassword,
            AllowPlainAuth = allowPlain,
            HeloName = "interop.gateway.test",
            TimeoutMs = 15_000,
        });

    static (OutgoingMessage message, string token) Mail(RigSettings rig, string subject, string body)
    {
        var token = Guid.NewGuid().ToString("N");
        return (new OutgoingMessage
        {
            From = rig.DeviceUser,
            To = [rig.OpsUser],
            Subject = subject,
            Body = body,
            MessageId = token + "@interop.gateway.test",
            DateUtc = DateTime.UtcNow,
            AutoSubmitted = true,
        }, token);
    }

    /// <summary>Sends, then finds the delivered file and checks it ends with exactly the composed bytes.</summary>
    void SendAndCheckDelivered(SmtpClient client, OutgoingMessage message, string token)
    {
        client.Connect();
        Assert.True(client.IsEncrypted);
        var bytes = MessageComposer.Compose(message, (client.Capabilities & SmtpCapabilities.EightBitMime) != 0, out var encoding);
        var result = client.Send(message.From, message.To, bytes, 0, bytes.Length, encoding == BodyEncoding.EightBit);
        client.Quit();
        Assert.Equal(250, result.FinalReply.Code);
        Assert.Contains("queued as", result.FinalReply.Text);

        var delivered = WaitForMaildirFile(fixture.Require(), "ops", token);
        try
        {
            // Postfix stores LF line ends and puts Return-Path, Delivered-To and Received in front.
            var expected = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n");
            var actual = File.ReadAllText(delivered, Encoding.UTF8);
            Assert.EndsWith(expected, actual);
            Assert.StartsWith("Return-Path: <" + message.From + ">", actual);
        }
        finally
        {
            File.Delete(delivered);
        }
    }

    static string WaitForMaildirFile(RigSettings rig, string user, string token)
    {
        var box = Path.Combine(rig.Directory, "mail", "gateway.test", user);
        var deadline = DateTime.UtcNow + RigClients.DeliveryWait;
        while (true)
        {
            foreach (var sub in new[] { "new", "cur" })
            {
                var dir = Path.Combine(box, sub);
                if (!Directory.Exists(dir)) continue;
                foreach (var f in Directory.GetFiles(dir))
                    if (File.ReadAllText(f).Contains(token, StringComparison.Ordinal)) return f;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"message {token} not delivered to {box} within {RigClients.DeliveryWait}");
            Thread.Sleep(100);
        }
    }

    [SkippableFact]
    public void Submission_2587_starttls_and_auth_delivers_byte_for_byte()
    {
        var rig = fixture.Require();
        var (m, token) = Mail(rig, "[interop] 2587 alert", "temperature 31.5 °C is above 30 °C\r\n");
        SendAndCheckDelivered(Client(rig, rig.SubmissionPort, TlsMode.StartTls), m, token);
    }

    [SkippableFact]
    public void Smtp_2525_starttls_and_auth_delivers_byte_for_byte()
    {
        var rig = fixture.Require();
        var (m, token) = Mail(rig, "[interop] 2525 alert", "plain ascii body\r\n");
        SendAndCheckDelivered(Client(rig, rig.SmtpPort, TlsMode.StartTls), m, token);
    }

    [SkippableFact]
    public void Smtps_2465_implicit_tls_delivers_byte_for_byte()
    {
        var rig = fixture.Require();
        var (m, token) = Mail(rig, "[interop] 2465 alert", "implicit TLS\r\n");
        SendAndCheckDelivered(Client(rig, rig.SmtpsPort, TlsMode.Implicit), m, token);
    }

    [SkippableFact]
    public void Utf8_subject_and_body_and_leading_dots_arrive_intact()
    {
        var rig = fixture.Require();
        var (m, token) = Mail(rig, "Grüße aus dem Kesselraum 🔥 Temperatur über Grenzwert",
            "Zeile eins\r\n.eine Zeile mit Punkt\r\n..zwei Punkte\r\n.\r\nEnde – ✓\r\n");
        SendAndCheckDelivered(Client(rig, rig.SubmissionPort, TlsMode.StartTls), m, token);
    }

    [SkippableFact]
    public void Wrong_password_is_535_permanent_at_auth()
    {
        var rig = fixture.Require();
        var client = Client(rig, rig.SubmissionPort, TlsMode.StartTls, password: "wrong-password");
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpStage.Auth, e.Stage);
        Assert.Equal(535, e.Code);
        Assert.Equal("5.7.8", e.EnhancedCode);
        Assert.DoesNotContain("wrong-password", e.Message);
    }

    [SkippableFact]
    public void No_credentials_go_over_a_clear_connection()
    {
        var rig = fixture.Require();
        var client = Client(rig, rig.SmtpPort, TlsMode.None);
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpErrorKind.Security, e.Kind);
        Assert.Equal(SmtpStage.Auth, e.Stage);
    }

    [SkippableFact]
    public void Relay_to_another_domain_without_auth_is_refused_for_that_message()
    {
        var rig = fixture.Require();
        var client = new SmtpClient(new SocketConnector(new TlsTrust(rig.CaPath)), new SmtpOptions
        {
            Host = rig.Host, Port = rig.SmtpPort, Tls = TlsMode.StartTls, HeloName = "interop.gateway.test", TimeoutMs = 15_000,
        });
        client.Connect();
        var body = "x\r\n"u8.ToArray();
        var e = Assert.Throws<SmtpException>(() => client.Send(rig.DeviceUser, ["someone@elsewhere.example"], body, 0, body.Length, false));
        Assert.Equal(554, e.Code);
        Assert.True(e.IsMessageRejected);
        client.Quit();
    }

    [SkippableFact]
    public void An_untrusted_certificate_stops_the_session_before_auth()
    {
        var rig = fixture.Require();
        var client = Client(rig, rig.SubmissionPort, TlsMode.StartTls, ca: null);
        var e = Assert.Throws<SmtpException>(client.Connect);
        Assert.Equal(SmtpErrorKind.Security, e.Kind);
        Assert.Equal(SmtpStage.StartTls, e.Stage);
        Assert.Contains("not trusted", e.Message);
    }

    [SkippableFact]
    public void Some_recipients_refused_still_delivers_to_the_others()
    {
        var rig = fixture.Require();
        var (m, token) = Mail(rig, "[interop] partial", "to one good, one unknown\r\n");
        var client = Client(rig, rig.SubmissionPort, TlsMode.StartTls);
        client.Connect();
        var bytes = MessageComposer.Compose(m, true, out var enc);
        var result = client.Send(m.From, [rig.OpsUser, "nobody@gateway.test"], bytes, 0, bytes.Length, enc == BodyEncoding.EightBit);
        client.Quit();
        Assert.Equal(1, result.AcceptedCount);
        Assert.False(result.Recipients[1].Accepted);
        Assert.Equal(550, result.Recipients[1].Reply.Code);
        File.Delete(WaitForMaildirFile(rig, "ops", token));
    }
}
