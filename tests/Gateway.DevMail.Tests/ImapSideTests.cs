using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Mail.Imap;

namespace Gateway.DevMail.Tests;

/// <summary>The mailbox's IMAP side, driven by the gateway's own IMAP client: what `gateway demo --imap` relies on.</summary>
public sealed class ImapSideTests
{
    sealed class Lines : ILineSink
    {
        public readonly List<string> All = [];
        public void Line(byte[] buffer, int offset, int count) => All.Add(Encoding.UTF8.GetString(buffer, offset, count));
    }

    static Task<TestMailbox> StartAsync() => TestMailbox.StartAsync(configure: o => { o.ImapPort = 0; o.ImapsPort = 0; });

    static ImapClient Client(TestMailbox box, bool implicitTls, string password = TestMailbox.DevicePassword) =>
        new(new SocketConnector(new TlsTrust(box.Server.CaPemPath)), new ImapOptions
        {
            Host = "localhost",
            Port = implicitTls ? box.Server.ImapsPort!.Value : box.Server.ImapPort!.Value,
            Tls = implicitTls ? TlsMode.Implicit : TlsMode.StartTls,
            User = TestMailbox.Device,
            Password = password,
            TimeoutMs = 10_000,
        });

    [Fact]
    public async Task Idle_announces_a_mail_as_it_is_stored_and_the_client_fetches_flags_and_expunges_it()
    {
        await using var box = await StartAsync();
        var client = Client(box, implicitTls: true);
        client.Connect();
        Assert.True(client.IsEncrypted && client.IsAuthenticated);
        Assert.True(client.CanIdle);
        client.Select("INBOX");
        Assert.Equal(0, client.Exists);
        Assert.True(client.UidValidity > 0);
        client.ClearNewMail();
        client.StartIdle();
        Assert.False(client.WaitIdle(200), "nothing arrived yet");

        var id = await Task.Run(() => box.Submit(TestMailbox.Device, "[demo-01] commands", "relay relay1 on"));
        bool announced = false;
        for (int i = 0; i < 50 && !announced; i++) announced = client.WaitIdle(100);
        Assert.True(announced, "EXISTS within 5 s of the mail being stored");
        client.StopIdle();

        var uids = client.SearchUids("UNDELETED");
        var uid = Assert.Single(uids);
        var headers = new Lines();
        long size = client.FetchHeaders(uid, "FROM SUBJECT MESSAGE-ID", headers, 16 * 1024);
        Assert.True(size > 0);
        Assert.Contains(headers.All, l => l == "Subject: [demo-01] commands");
        Assert.Contains(headers.All, l => l.StartsWith("From:", StringComparison.Ordinal) && l.Contains(TestMailbox.Ops));
        Assert.DoesNotContain(headers.All, l => l.StartsWith("To:", StringComparison.Ordinal));
        var body = new Lines();
        Assert.Equal(size, client.FetchBody(uid, body, 64 * 1024));
        Assert.Contains(body.All, l => l.Contains("relay relay1 on"));

        client.AddFlags(uid, "\\Seen \\Deleted");
        Assert.Empty(client.SearchUids("UNDELETED"));
        client.Expunge(uid);
        Assert.True(client.Logout());
        Assert.Empty(box.Server.Store.List(TestMailbox.Device));
        Assert.Contains(box.EventsOf(MailEventKind.MessageRetrieved), e => e.Protocol == "IMAP" && e.MessageId == id);
        Assert.Contains(box.EventsOf(MailEventKind.MessageDeleted), e => e.Protocol == "IMAP" && e.MessageId == id);
    }

    [Fact]
    public async Task Starttls_then_a_wrong_password_is_authenticationfailed_and_the_event_has_no_password()
    {
        await using var box = await StartAsync();
        var client = Client(box, implicitTls: false, password: "not-the-password-789");
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal("AUTHENTICATIONFAILED", e.Code);
        var failed = Assert.Single(box.EventsOf(MailEventKind.LoginFailed));
        Assert.Equal("IMAP", failed.Protocol);
        Assert.DoesNotContain("not-the-password-789", failed.ToString());
    }

    [Fact]
    public async Task A_message_marked_deleted_stays_when_the_session_drops_without_expunge()
    {
        await using var box = await StartAsync();
        box.Submit(TestMailbox.Device, "keep me", "text");
        var client = Client(box, implicitTls: true);
        client.Connect();
        client.Select("INBOX");
        var uid = Assert.Single(client.SearchUids("UNDELETED"));
        client.AddFlags(uid, "\\Deleted");
        client.Close();
        Assert.Single(box.Server.Store.List(TestMailbox.Device));
    }
}
