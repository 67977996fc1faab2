using System.Net.Sockets;

namespace Gateway.DevMail.Tests;

/// <summary>Stopping ("unplugging") and restarting the mailbox, and what the folder keeps.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Messages_survive_a_new_server_on_the_same_folder_with_the_same_uids()
    {
        await using var first = await TestMailbox.StartAsync();
        first.Submit(TestMailbox.Device, "one", "1");
        first.Submit(TestMailbox.Device, "two", "2");
        string[] before;
        using (var client = first.Pop3())
        {
            before = client.GetMessageUids().ToArray();
            client.DeleteMessage(0);
            client.Disconnect(true);
        }
        await first.Server.StopAsync();

        await using var second = await TestMailbox.StartAsync(directory: first.Directory);
        using (var again = second.Pop3())
        {
            Assert.Equal([before[1]], again.GetMessageUids());
            again.Disconnect(true);
        }
        second.Submit(TestMailbox.Device, "three", "3");
        var uids = second.Server.Store.List(TestMailbox.Device).Select(m => m.Uid).ToArray();
        Assert.Equal([2L, 3L], uids); // UID 1 is never given again
    }

    [Fact]
    public async Task Stop_closes_the_ports_and_start_reopens_them_with_the_store_kept()
    {
        await using var box = await TestMailbox.StartAsync();
        box.Submit(TestMailbox.Device, "before", "1");
        int smtp = box.Server.SmtpPort, pop3 = box.Server.Pop3Port;
        var uid = box.Server.Store.List(TestMailbox.Device)[0].Uidl;

        await box.Server.StopAsync();
        Assert.False(box.Server.IsRunning);
        Assert.Throws<SocketException>(() => new TcpClient().Connect("127.0.0.1", smtp));
        Assert.Throws<SocketException>(() => new TcpClient().Connect("127.0.0.1", pop3));

        await box.Server.StartAsync();
        Assert.Equal(smtp, box.Server.SmtpPort);
        Assert.Equal(pop3, box.Server.Pop3Port);
        box.Submit(TestMailbox.Device, "after", "2");
        using var client = box.Pop3();
        Assert.Equal(uid, client.GetMessageUid(0));
        Assert.Equal(2, client.Count);
        Assert.Contains(box.EventsOf(MailEventKind.ServerStopped), _ => true);
    }

    [Fact]
    public async Task Stop_drops_an_open_pop3_session_without_applying_its_deletions()
    {
        await using var box = await TestMailbox.StartAsync(tls: false);
        box.Submit(TestMailbox.Device, "one", "1");
        using var pop = new RawPop3(box.Server.Pop3Port);
        pop.Login(TestMailbox.Device, TestMailbox.DevicePassword);
        Assert.StartsWith("+OK", pop.Command("DELE 1"));
        await box.Server.StopAsync();
        Assert.Throws<IOException>(() => pop.ReadLine());
        Assert.Single(box.Server.Store.List(TestMailbox.Device));
    }

    [Fact]
    public async Task The_ca_file_is_kept_across_restarts_of_the_folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devmail-test-" + Guid.NewGuid().ToString("N"));
        await using var first = await TestMailbox.StartAsync(directory: dir);
        var pem = File.ReadAllText(first.Server.CaPemPath!);
        await first.Server.StopAsync();
        await using var second = await TestMailbox.StartAsync(directory: dir);
        Assert.Equal(pem, File.ReadAllText(second.Server.CaPemPath!));
        Assert.Contains("BEGIN CERTIFICATE", pem);
        Assert.DoesNotContain("PRIVATE KEY", pem);
    }
}
