using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Interop.Tests.Rig;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Interop.Tests;

/// <summary>
/// The gateway's own POP3 client against the rig's real Dovecot: a message sent with the gateway's
/// SMTP client through Postfix is found, read byte for byte, deleted, and gone at the next login.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewayPop3Tests(MailRigFixture fixture)
{
    const int MaxMessage = 256 * 1024;

    static Pop3Client Pop3(RigSettings rig, int port, TlsMode tls, string? password = null, bool preferUserPass = false, bool allowPlain = false) =>
        new(new SocketConnector(new TlsTrust(rig.CaPath)), new Pop3Options
        {
            Host = rig.Host,
            Port = port,
            Tls = tls,
            User = rig.DeviceUser,
            Password = password ?? rig.DevicePassword,
            PreferUserPass = preferUserPass,
            AllowPlainAuth = allowPlain,
            TimeoutMs = 15_000,
        });

    /// <summary>Composes a message with dot lines and sends it to the device's mailbox through Postfix on 2587; returns the bytes sent.</summary>
    static (byte[] sent, string token) SendToDevice(RigSettings rig, string subject)
    {
        var token = Guid.NewGuid().ToString("N");
        var message = new OutgoingMessage
        {
            From = rig.OpsUser,
            To = [rig.DeviceUser],
            Subject = subject + " " + token,
            Body = "relay1 on\r\n.a line that starts with a dot\r\n.\r\n..\r\nGrüße ✓\r\n-- \r\nops\r\n",
            MessageId = token + "@interop.gateway.test",
            DateUtc = DateTime.UtcNow,
        };
        var smtp = new SmtpClient(new SocketConnector(new TlsTrust(rig.CaPath)), new SmtpOptions
        {
            Host = rig.Host,
            Port = rig.SubmissionPort,
            Tls = TlsMode.StartTls,
            User = rig.OpsUser,
            Password = rig.OpsPassword,
            HeloName = "interop.gateway.test",
            TimeoutMs = 15_000,
        });
        smtp.Connect();
        var bytes = MessageComposer.Compose(message, (smtp.Capabilities & SmtpCapabilities.EightBitMime) != 0, out var encoding);
        smtp.Send(message.From, message.To, bytes, 0, bytes.Length, encoding == BodyEncoding.EightBit);
        smtp.Quit();
        return (bytes, token);
    }

    /// <summary>
    /// Logs in until the message whose headers hold <paramref name="token"/> is in the maildrop (each
    /// login is a snapshot), looking at the newest first with TOP n 0. Returns the logged-in client.
    /// </summary>
    static (Pop3Client client, int number, string headers) WaitForMessage(Func<Pop3Client> connect, string token)
    {
        var deadline = DateTime.UtcNow + RigClients.DeliveryWait;
        while (true)
        {
            var client = connect();
            client.Connect();
            int count = client.Stat().Count;
            for (int n = count; n >= 1 && n > count - 50; n--)
            {
                var sink = new Collector();
                client.Top(n, 0, sink, MaxMessage);
                if (sink.Text.Contains(token, StringComparison.Ordinal))
                    return (client, n, sink.Text);
            }
            client.Quit();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"message {token} not in the device's maildrop within {RigClients.DeliveryWait}");
            Thread.Sleep(200);
        }
    }

    /// <summary>STAT, UIDL, LIST, TOP, RETR (byte for byte), DELE, QUIT; then a new session no longer has the message.</summary>
    void FullCycle(Func<Pop3Client> connect, string subject)
    {
        var rig = fixture.Require();
        var (sent, token) = SendToDevice(rig, subject);

        var (client, number, headers) = WaitForMessage(connect, token);
        Assert.True(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
        Assert.Contains("Subject: " + subject, headers);
        Assert.EndsWith("\r\n\r\n", headers); // TOP n 0: the header and the empty line, no body
        Assert.DoesNotContain("relay1 on", headers);

        var stat = client.Stat();
        Assert.True(stat.Count >= number);
        var uids = client.ListUids(Pop3Limits.MaxListed);
        var sizes = client.ListSizes(Pop3Limits.MaxListed);
        Assert.Equal(stat.Count, uids.Length);
        Assert.Equal(stat.Count, sizes.Length);
        string uid = client.Uid(number);
        Assert.Matches("^[0-9A-Fa-f]{16}$", uid); // pop3_uidl_format = %08Xu%08Xv
        Assert.Equal(uid, uids.Single(u => u.Number == number).Uid);
        long size = client.Size(number);
        Assert.Equal(size, sizes.Single(s => s.Number == number).Size);

        var body = new Collector();
        long retrieved = client.Retrieve(number, body, MaxMessage);
        Assert.Equal(size, retrieved); // the size LIST announced is the bytes RETR delivered
        // Dovecot puts Return-Path, Delivered-To and Received in front; the rest is what was sent.
        var bytes = body.Bytes;
        Assert.True(bytes.AsSpan().EndsWith(sent), "the retrieved message does not end with the bytes sent:\n" + Encoding.UTF8.GetString(bytes));
        Assert.Contains("\r\n.a line that starts with a dot\r\n.\r\n..\r\n", Encoding.UTF8.GetString(bytes));

        client.Delete(number);
        Assert.True(client.Quit());

        var again = connect();
        again.Connect();
        var after = again.ListUids(Pop3Limits.MaxListed);
        Assert.DoesNotContain(after, u => u.Uid == uid);
        Assert.True(again.Quit());
    }

    [SkippableFact]
    public void Stls_1110_user_pass_stat_uidl_list_top_retr_dele()
    {
        var rig = fixture.Require();
        FullCycle(() => Pop3(rig, rig.Pop3Port, TlsMode.StartTls, preferUserPass: true), "[interop] pop3 1110");
    }

    [SkippableFact]
    public void Implicit_1995_auth_plain_stat_uidl_list_top_retr_dele()
    {
        var rig = fixture.Require();
        FullCycle(() => Pop3(rig, rig.Pop3sPort, TlsMode.Implicit), "[interop] pop3 1995");
    }

    [SkippableFact]
    public void Stls_1110_asks_capa_again_and_logs_in_with_auth_plain()
    {
        var rig = fixture.Require();
        var client = Pop3(rig, rig.Pop3Port, TlsMode.StartTls);
        client.Connect();
        Assert.True(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
        // Dovecot lists STLS only in clear: these capabilities are from the CAPA after the upgrade.
        Assert.Equal(0, (int)(client.Capabilities & Pop3Capabilities.Stls));
        Assert.NotEqual(0, (int)(client.Capabilities & Pop3Capabilities.SaslPlain));
        Assert.NotEqual(0, (int)(client.Capabilities & Pop3Capabilities.Top));
        Assert.NotEqual(0, (int)(client.Capabilities & Pop3Capabilities.Uidl));
        // greeting, CAPA, STLS, CAPA, AUTH PLAIN
        Assert.Equal(5, client.RoundTrips);
        client.Noop();
        Assert.True(client.Quit());
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wrong_password_is_a_permanent_auth_error(bool preferUserPass)
    {
        var rig = fixture.Require();
        var client = Pop3(rig, rig.Pop3sPort, TlsMode.Implicit, password: "wrong-password", preferUserPass: preferUserPass);
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
        Assert.Equal(Pop3ResponseCode.Auth, e.CodeKind);
        Assert.Contains("Authentication failed", e.ServerText);
        Assert.DoesNotContain("wrong-password", e.Message);
        Assert.False(client.IsConnected);
    }

    [SkippableFact]
    public void Clear_1110_without_stls_refuses_to_log_in()
    {
        var rig = fixture.Require();
        var client = Pop3(rig, rig.Pop3Port, TlsMode.None);
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Auth, e.Stage);
        Assert.False(client.IsConnected);
    }

    [SkippableFact]
    public void Clear_1110_logs_in_only_when_explicitly_allowed()
    {
        var rig = fixture.Require();
        var client = Pop3(rig, rig.Pop3Port, TlsMode.None, allowPlain: true);
        client.Connect();
        Assert.False(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
        Assert.NotEqual(0, (int)(client.Capabilities & Pop3Capabilities.Stls));
        client.Stat();
        Assert.True(client.Quit());
    }

    [SkippableFact]
    public void An_untrusted_certificate_stops_the_session_before_login()
    {
        var rig = fixture.Require();
        var client = new Pop3Client(new SocketConnector(new TlsTrust(null)), new Pop3Options
        {
            Host = rig.Host, Port = rig.Pop3Port, Tls = TlsMode.StartTls, User = rig.DeviceUser, Password = rig.DevicePassword, TimeoutMs = 15_000,
        });
        var e = Assert.Throws<Pop3Exception>(client.Connect);
        Assert.Equal(Pop3ErrorKind.Security, e.Kind);
        Assert.Equal(Pop3Stage.Stls, e.Stage);
    }

    /// <summary>Keeps the (small) message, restoring the CRLF after each line.</summary>
    sealed class Collector : ILineSink
    {
        readonly MemoryStream _bytes = new();

        public byte[] Bytes => _bytes.ToArray();

        public string Text => Encoding.UTF8.GetString(_bytes.ToArray());

        public void Line(byte[] buffer, int offset, int count)
        {
            _bytes.Write(buffer, offset, count);
            _bytes.Write("\r\n"u8);
        }
    }
}
