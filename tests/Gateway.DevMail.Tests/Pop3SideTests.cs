using System.Net.Sockets;
using MailKit.Net.Pop3;
using MailKit.Security;

namespace Gateway.DevMail.Tests;

/// <summary>Our POP3 server, as MailKit and a hand-driven connection see it.</summary>
public sealed class Pop3SideTests
{
    [Fact]
    public async Task Mailkit_reads_back_over_stls_with_uidl_headers_and_the_whole_message()
    {
        await using var box = await TestMailbox.StartAsync();
        var id = box.Submit(TestMailbox.Device, "relay1 on", "switch it on");
        using var client = box.Pop3(SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        Assert.Equal(1, client.Count);
        Assert.Equal(box.Server.Store.List(TestMailbox.Device)[0].Uidl, client.GetMessageUid(0));
        var headers = client.GetMessageHeaders(0); // TOP 1 0
        Assert.Equal(id, headers[MimeKit.HeaderId.MessageId]!.Trim('<', '>', ' '));
        var message = client.GetMessage(0); // RETR
        Assert.Equal("relay1 on", message.Subject);
        Assert.Equal("switch it on", message.TextBody!.Trim());
        client.Disconnect(true);
        Assert.Single(box.EventsOf(MailEventKind.MessageRetrieved));
    }

    [Fact]
    public async Task User_and_pass_log_in_as_well_as_sasl_plain()
    {
        await using var box = await TestMailbox.StartAsync();
        box.Submit(TestMailbox.Device, "s", "b");
        using var client = box.Pop3(userPass: true);
        Assert.True(client.IsAuthenticated);
        Assert.Equal(1, client.Count);
    }

    [Fact]
    public async Task Implicit_tls_serves_the_same_mailbox()
    {
        await using var box = await TestMailbox.StartAsync();
        box.Submit(TestMailbox.Device, "s", "b");
        using var client = box.Pop3(SecureSocketOptions.SslOnConnect);
        Assert.True(client.IsSecure);
        Assert.Equal(1, client.Count);
    }

    [Fact]
    public async Task A_deleted_message_is_gone_after_quit()
    {
        await using var box = await TestMailbox.StartAsync();
        box.Submit(TestMailbox.Device, "one", "1");
        box.Submit(TestMailbox.Device, "two", "2");
        using (var client = box.Pop3())
        {
            client.DeleteMessage(0);
            Assert.Equal(2, box.Server.Store.List(TestMailbox.Device).Count); // only marked until QUIT
            client.Disconnect(true);
        }
        var left = Assert.Single(box.Server.Store.List(TestMailbox.Device));
        Assert.Equal("two", left.Subject);
        Assert.Equal("one", Assert.Single(box.EventsOf(MailEventKind.MessageDeleted)).Subject);
        using var again = box.Pop3();
        Assert.Equal(1, again.Count);
    }

    [Fact]
    public async Task A_deleted_message_stays_when_the_connection_drops_without_quit()
    {
        await using var box = await TestMailbox.StartAsync();
        box.Submit(TestMailbox.Device, "one", "1");
        using (var client = box.Pop3())
        {
            client.DeleteMessage(0);
            client.Disconnect(false); // no QUIT: no UPDATE state
        }
        await WaitFor(() => box.EventsOf(MailEventKind.SessionClosed).Any(e => e.Protocol == "POP3"));
        Assert.Single(box.Server.Store.List(TestMailbox.Device));
        Assert.Empty(box.EventsOf(MailEventKind.MessageDeleted));
    }

    [Fact]
    public async Task Rset_unmarks_deleted_messages()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        box.Submit(TestMailbox.Device, "one", "1");
        using (var pop = new RawPop3(box.Server.Pop3Port))
        {
            pop.Login(TestMailbox.Device, TestMailbox.DevicePassword);
            Assert.Equal("+OK Marked to be deleted.", pop.Command("DELE 1"));
            Assert.Equal("-ERR Message is deleted.", pop.Command("RETR 1"));
            Assert.StartsWith("+OK 0 ", pop.Command("STAT"));
            Assert.Equal("+OK", pop.Command("RSET"));
            Assert.Equal("+OK Logging out.", pop.Command("QUIT"));
        }
        Assert.Single(box.Server.Store.List(TestMailbox.Device));
    }

    [Fact]
    public async Task A_wrong_pop3_password_is_refused_with_the_auth_response_code()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        using (var pop = new RawPop3(box.Server.Pop3Port))
        {
            Assert.Equal("+OK", pop.Command("USER " + TestMailbox.Device));
            Assert.Equal("-ERR [AUTH] Authentication failed.", pop.Command("PASS wrong-pass"));
        }
        var e = Assert.Throws<MailKit.Security.AuthenticationException>(() => box.Pop3(SecureSocketOptions.None, password: "wrong-pass"));
        Assert.DoesNotContain("wrong-pass", e.Message);
        Assert.All(box.EventsOf(MailEventKind.LoginFailed), f => Assert.DoesNotContain("wrong-pass", f.ToString()));
    }

    [Fact]
    public async Task A_password_in_clear_is_refused_when_plaintext_auth_is_off_and_capa_says_so()
    {
        await using var box = await TestMailbox.StartAsync(configure: o => o.AllowPlaintextAuth = false);
        using var pop = new RawPop3(box.Server.Pop3Port);
        Assert.Equal("+OK", pop.Command("CAPA"));
        var caps = pop.ReadMultiline();
        Assert.Contains("STLS", caps);
        Assert.DoesNotContain("USER", caps);
        Assert.Equal("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", pop.Command("USER " + TestMailbox.Device));
        Assert.StartsWith("-ERR [AUTH]", pop.Command("AUTH PLAIN AGRldmljZUBnYXRld2F5LmxvY2FsAGRldmljZS1wYXNz"));
    }

    [Fact]
    public async Task Two_mailboxes_see_only_their_own_messages()
    {
        await using var box = await TestMailbox.StartAsync();
        box.Submit(TestMailbox.Device, "for the device", "1");
        box.Submit(TestMailbox.Ops, "for ops", "2");
        box.Submit(TestMailbox.Ops, "for ops too", "3");
        using (var device = box.Pop3())
        {
            Assert.Equal(1, device.Count);
            Assert.Equal("for the device", device.GetMessage(0).Subject);
            device.DeleteMessage(0);
            device.Disconnect(true);
        }
        using var ops = box.Pop3(user: TestMailbox.Ops, password: TestMailbox.OpsPassword);
        Assert.Equal(2, ops.Count);
        Assert.Equal(["for ops", "for ops too"], Enumerable.Range(0, 2).Select(i => ops.GetMessage(i).Subject));
    }

    [Fact]
    public async Task A_body_with_dot_lines_survives_the_round_trip()
    {
        await using var box = await TestMailbox.StartAsync();
        var body = "first\r\n.\r\n..two dots\r\n.leading dot\r\nlast\r\n";
        box.Submit(TestMailbox.Device, "dots", body);
        var stored = System.Text.Encoding.UTF8.GetString(box.Server.Store.Read(box.Server.Store.List(TestMailbox.Device)[0])!);
        Assert.EndsWith("\r\n\r\n" + body, stored); // unstuffed by SMTP exactly once
        using var client = box.Pop3();
        Assert.Equal(body.Replace("\r\n", "\n"), client.GetMessage(0).TextBody); // MimeKit gives LF line ends
    }

    [Fact]
    public async Task Retr_sends_the_size_list_announced_and_dot_stuffs_the_body()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        box.Submit(TestMailbox.Device, "dots", ".x\r\n");
        var stored = box.Server.Store.List(TestMailbox.Device)[0];
        using var pop = new RawPop3(box.Server.Pop3Port);
        pop.Login(TestMailbox.Device, TestMailbox.DevicePassword);
        Assert.Equal($"+OK 1 {stored.Size}", pop.Command("LIST 1"));
        Assert.Equal($"+OK {stored.Size} octets", pop.Command("RETR 1"));
        var lines = pop.ReadMultiline();
        Assert.Contains("..x", lines);
        Assert.Equal(stored.Size, lines.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 2) - lines.Count(l => l.StartsWith('.')));
    }

    [Fact]
    public async Task Top_sends_the_header_and_the_first_lines_of_the_body()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        box.Submit(TestMailbox.Device, "top", "one\r\ntwo\r\nthree\r\n");
        using var pop = new RawPop3(box.Server.Pop3Port);
        pop.Login(TestMailbox.Device, TestMailbox.DevicePassword);
        Assert.Equal("+OK", pop.Command("TOP 1 2"));
        var lines = pop.ReadMultiline();
        int blank = lines.IndexOf("");
        Assert.Contains(lines, l => l == "Subject: top");
        Assert.Equal(["one", "two"], lines.Skip(blank + 1));
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_in_order()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        box.Submit(TestMailbox.Device, "s", "b");
        using var pop = new RawPop3(box.Server.Pop3Port);
        pop.Send($"USER {TestMailbox.Device}\r\nPASS {TestMailbox.DevicePassword}\r\nSTAT\r\nNOOP");
        Assert.Equal("+OK", pop.ReadLine());
        Assert.Equal("+OK Logged in.", pop.ReadLine());
        Assert.StartsWith("+OK 1 ", pop.ReadLine());
        Assert.Equal("+OK", pop.ReadLine());
    }

    [Fact]
    public async Task A_100_kb_line_is_refused_and_closed_and_the_server_lives_on()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        using (var pop = new RawPop3(box.Server.Pop3Port))
        {
            pop.Send("USER " + new string('a', 100 * 1024));
            Assert.Equal("-ERR Line too long.", pop.ReadLine());
            Assert.Throws<IOException>(() => pop.ReadLine()); // closed
        }
        using var next = new RawPop3(box.Server.Pop3Port);
        Assert.StartsWith("+OK", next.Greeting);
        next.Login(TestMailbox.Device, TestMailbox.DevicePassword);
    }

    [Fact]
    public async Task Commands_of_the_transaction_state_are_refused_before_login()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        using var pop = new RawPop3(box.Server.Pop3Port);
        Assert.StartsWith("-ERR", pop.Command("STAT"));
        Assert.StartsWith("-ERR", pop.Command("RETR 1"));
        Assert.Equal("-ERR No username given.", pop.Command("PASS x"));
    }

    [Fact]
    public async Task A_silent_client_is_disconnected_after_the_idle_timeout()
    {
        await using var box = await TestMailbox.StartAsync(tls: false, configure: o => o.Pop3IdleTimeout = TimeSpan.FromMilliseconds(300));
        using var pop = new RawPop3(box.Server.Pop3Port);
        Assert.Equal("-ERR Disconnected for inactivity.", pop.ReadLine());
        Assert.Throws<IOException>(() => pop.ReadLine());
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_told_to_come_back_later()
    {
        await using var box = await TestMailbox.StartAsync(tls: false, configure: o => o.MaxConnections = 1);
        using var first = new RawPop3(box.Server.Pop3Port);
        using var second = new RawPop3(box.Server.Pop3Port);
        Assert.StartsWith("+OK", first.Greeting);
        Assert.StartsWith("-ERR [SYS/TEMP]", second.Greeting);
    }

    internal static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition never held");
            await Task.Delay(20);
        }
    }
}
