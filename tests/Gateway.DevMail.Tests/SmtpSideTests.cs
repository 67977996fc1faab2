using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Gateway.DevMail.Tests;

/// <summary>Submission through the SmtpServer package, as MailKit sees it.</summary>
public sealed class SmtpSideTests
{
    [Fact]
    public async Task A_message_submitted_with_starttls_and_auth_is_stored_in_the_recipients_mailbox()
    {
        await using var box = await TestMailbox.StartAsync();
        var message = TestMailbox.Message(TestMailbox.Device, "relay1 on", "please");
        using (var client = box.Smtp(SecureSocketOptions.StartTls, TestMailbox.Ops, TestMailbox.OpsPassword))
        {
            Assert.True(client.IsSecure);
            client.Send(message);
            client.Disconnect(true);
        }
        var stored = Assert.Single(box.Server.Store.List(TestMailbox.Device));
        Assert.Equal(message.MessageId, stored.MessageId);
        Assert.Equal("relay1 on", stored.Subject);
        Assert.Empty(box.Server.Store.List(TestMailbox.Ops));
    }

    [Fact]
    public async Task A_message_submitted_without_tls_is_stored_when_the_server_is_on_loopback()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        using (var client = box.Smtp(SecureSocketOptions.None))
        {
            Assert.False(client.IsSecure);
            Assert.True(client.IsAuthenticated);
            client.Send(TestMailbox.Message(TestMailbox.Ops, "alert", "hot", from: TestMailbox.Device));
            client.Disconnect(true);
        }
        Assert.Single(box.Server.Store.List(TestMailbox.Ops));
    }

    [Fact]
    public async Task A_wrong_smtp_password_is_refused_and_reported_without_the_password()
    {
        await using var box = await TestMailbox.StartAsync();
        var e = Assert.Throws<AuthenticationException>(() => box.Smtp(password: "not-the-password"));
        Assert.DoesNotContain("not-the-password", e.Message);
        var failed = box.EventsOf(MailEventKind.LoginFailed); // MailKit tries PLAIN, then LOGIN
        Assert.NotEmpty(failed);
        Assert.All(failed, f => Assert.Equal("SMTP", f.Protocol));
        Assert.All(failed, f => Assert.DoesNotContain("not-the-password", f.ToString()));
    }

    [Fact]
    public async Task Mail_without_auth_is_refused()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        // By hand: MailKit would refuse to send before AUTH itself.
        using var tcp = new System.Net.Sockets.TcpClient("127.0.0.1", box.Server.SmtpPort);
        using var reader = new StreamReader(tcp.GetStream());
        var writer = new StreamWriter(tcp.GetStream()) { NewLine = "\r\n", AutoFlush = true };
        Assert.StartsWith("220", reader.ReadLine());
        writer.WriteLine("EHLO test");
        string? line;
        do line = reader.ReadLine(); while (line != null && line.StartsWith("250-"));
        writer.WriteLine("MAIL FROM:<ops@gateway.local>");
        Assert.StartsWith("530", reader.ReadLine());
    }

    [Fact]
    public async Task A_recipient_in_a_foreign_domain_is_refused_as_relay()
    {
        await using var box = await TestMailbox.StartAsync();
        using var client = box.Smtp();
        var e = Assert.Throws<SmtpCommandException>(() => client.Send(TestMailbox.Message("someone@example.com", "s", "b")));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, e.ErrorCode);
        Assert.Equal(554, (int)e.StatusCode);
        Assert.Contains("Relay access denied", e.Message);
        Assert.Empty(box.Server.Store.List(TestMailbox.Device));
        Assert.Empty(box.Server.Store.List(TestMailbox.Ops));
    }

    [Fact]
    public async Task An_unknown_mailbox_in_our_domain_is_refused()
    {
        await using var box = await TestMailbox.StartAsync();
        using var client = box.Smtp();
        var e = Assert.Throws<SmtpCommandException>(() => client.Send(TestMailbox.Message("nobody@gateway.local", "s", "b")));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, e.ErrorCode);
        Assert.Equal(550, (int)e.StatusCode);
    }

    [Fact]
    public async Task Ehlo_announces_the_size_limit_and_a_bigger_message_is_refused()
    {
        await using var box = await TestMailbox.StartAsync(configure: o => o.MaxMessageSize = 64 * 1024);
        using var client = box.Smtp();
        Assert.Equal(64u * 1024, client.MaxSize);
        var e = Assert.Throws<SmtpCommandException>(() => client.Send(TestMailbox.Message(TestMailbox.Ops, "big", new string('x', 100 * 1024))));
        Assert.Equal(SmtpErrorCode.SenderNotAccepted, e.ErrorCode); // MAIL FROM ... SIZE= is refused first
        Assert.Empty(box.Server.Store.List(TestMailbox.Ops));
    }

    [Fact]
    public async Task Data_beyond_the_size_limit_without_a_size_parameter_is_not_stored_and_the_server_lives_on()
    {
        await using var box = await TestMailbox.StartAsync(tls: false, configure: o => { o.MaxMessageSize = 64 * 1024; o.SmtpRequireAuth = false; });
        using (var tcp = new System.Net.Sockets.TcpClient("127.0.0.1", box.Server.SmtpPort))
        {
            tcp.ReceiveTimeout = 10_000;
            var stream = tcp.GetStream();
            using var reader = new StreamReader(stream);
            Assert.StartsWith("220", reader.ReadLine());
            var script = "EHLO test\r\nMAIL FROM:<ops@gateway.local>\r\nRCPT TO:<device@gateway.local>\r\nDATA\r\n";
            stream.Write(System.Text.Encoding.ASCII.GetBytes(script));
            string? line;
            do line = reader.ReadLine(); while (line != null && !line.StartsWith("354"));
            Assert.NotNull(line);
            var chunk = System.Text.Encoding.ASCII.GetBytes(new string('x', 998) + "\r\n");
            try
            {
                for (int i = 0; i < 100; i++) stream.Write(chunk); // 100 KB
                stream.Write(".\r\n"u8);
                line = reader.ReadLine();
                Assert.True(line == null || line.StartsWith('5'), line); // refused or cut off
            }
            catch (IOException)
            {
                // The server closed the session mid-DATA: that is a refusal too.
            }
        }
        Assert.Empty(box.Server.Store.List(TestMailbox.Device));
        box.Submit(TestMailbox.Device, "small", "fits");
        Assert.Single(box.Server.Store.List(TestMailbox.Device));
    }

    [Fact]
    public async Task Storing_a_message_raises_an_event_with_mailbox_message_id_and_subject()
    {
        await using var box = await TestMailbox.StartAsync();
        var id = box.Submit(TestMailbox.Device, "status", "?");
        var stored = Assert.Single(box.EventsOf(MailEventKind.MessageStored));
        Assert.Equal(TestMailbox.Device, stored.Mailbox);
        Assert.Equal(id, stored.MessageId);
        Assert.Equal("status", stored.Subject);
        Assert.Contains(box.EventsOf(MailEventKind.SessionOpened), e => e.Protocol == "SMTP");
    }
}
