using Gateway.App.Commands;
using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Mail.Imap;
using MailKit;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Gateway.Bench;

/// <summary>
/// Bytes allocated by the gateway's ImapClient (with the device's MIME reader) and by MailKit's
/// ImapClient (with MimeKit) doing the same against the rig's Dovecot on its clear port (TLS, the
/// platform's, left out for both, as in the POP3 benchmark): an idle window in the poller's cadence
/// (IDLE, and every 60 s DONE, UID SEARCH, IDLE again), and one command mail (search, size and header
/// fields, the body parsed, \Seen \Deleted, expunge). Counted with GC.GetTotalAllocatedBytes(precise)
/// while nothing else runs in the process.
/// </summary>
public sealed class ImapAllocationBench(RigEnv rig, int idleSeconds)
{
    public sealed record Result(string Case, string Client, long Bytes);

    const int SearchEveryMs = 60_000; // imap.interval's default: the poller's safety-net search
    const string HeaderFields = "FROM SUBJECT MESSAGE-ID REFERENCES AUTO-SUBMITTED";
    const int Rounds = 5;

    readonly RigMaildir _maildir = new(rig);

    public List<Result> Run()
    {
        _maildir.Clear();
        // One client's session at a time: the other's open session would see the mails come and go.
        var ours = Ours();
        var peer = MailKit();
        var results = new List<Result>();
        for (int i = 0; i < ours.Count; i++)
        {
            results.Add(ours[i]);
            results.Add(peer[i]);
        }
        return results;
    }

    List<Result> Ours()
    {
        const string Client = "Gateway ImapClient";
        var client = OursOpen(out long start);
        OursIdle(client, 1500); // warm-up: the code each path runs is compiled before it is counted
        long idle = Counted(() => OursIdle(client, idleSeconds * 1000));
        long mail = PerMail(client.Noop, () => OursMail(client));
        client.Logout();
        return [new(StartCase, Client, start), new(IdleCase, Client, idle), new(MailCase, Client, mail)];
    }

    List<Result> MailKit()
    {
        const string Client = "MailKit ImapClient";
        using var client = MailKitOpen(out long start);
        MailKitIdle(client, 1500);
        long idle = Counted(() => MailKitIdle(client, idleSeconds * 1000));
        long mail = PerMail(() => client.NoOp(), () => MailKitMail(client));
        client.Disconnect(true);
        return [new(StartCase, Client, start), new(IdleCase, Client, idle), new(MailCase, Client, mail)];
    }

    const string StartCase = "session start (connect, login, SELECT)";
    string IdleCase => $"idle {idleSeconds} s";
    static string MailCase => $"one command mail (median of {Rounds})";

    /// <summary>One mail added, then handled by <paramref name="handle"/>: a warm-up round, then the median of <see cref="Rounds"/>.</summary>
    /// <param name="sync">An uncounted NOOP after the file is in place: Dovecot notices a Maildir file at a sync.</param>
    long PerMail(Action sync, Func<int> handle)
    {
        var counts = new List<long>();
        for (int round = 0; round <= Rounds; round++)
        {
            _maildir.Add(1, 600);
            Thread.Sleep(1100); // past the second of the folder's last change, which Dovecot's scan compares
            sync();
            int handled = 0;
            long n = Counted(() => handled = handle());
            if (handled != 1) throw new InvalidOperationException($"round {round}: {handled} mails handled, not the one added");
            if (round > 0) counts.Add(n);
        }
        return counts.Order().ElementAt(Rounds / 2);
    }

    static long Counted(Action work)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        work();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    ImapClient OursOpen(out long allocated)
    {
        ImapClient? client = null;
        allocated = Counted(() =>
        {
            client = new ImapClient(new SocketConnector(new TlsTrust(null)), new ImapOptions
            {
                Host = "127.0.0.1", Port = rig.ImapPort, Tls = TlsMode.None, AllowPlainAuth = true,
                User = rig.DeviceUser, Password = rig.DevicePassword, TimeoutMs = 30000,
            });
            client.Connect();
            client.Select("INBOX");
        });
        return client!;
    }

    MailKit.Net.Imap.ImapClient MailKitOpen(out long allocated)
    {
        MailKit.Net.Imap.ImapClient? client = null;
        allocated = Counted(() =>
        {
            client = new MailKit.Net.Imap.ImapClient();
            client.Connect("127.0.0.1", rig.ImapPort, SecureSocketOptions.None);
            client.Authenticate(rig.DeviceUser, rig.DevicePassword);
            client.Inbox.Open(FolderAccess.ReadWrite);
        });
        return client!;
    }

    /// <summary>The poller's cadence: IDLE, waited on a second at a time (as `gateway run` does), and a search every 60 s.</summary>
    static void OursIdle(ImapClient client, int ms)
    {
        var end = Environment.TickCount64 + ms;
        while (Environment.TickCount64 < end)
        {
            var searchAt = Math.Min(end, Environment.TickCount64 + SearchEveryMs);
            client.StartIdle();
            while (Environment.TickCount64 < searchAt)
                client.WaitIdle((int)Math.Min(1000, searchAt - Environment.TickCount64));
            client.StopIdle();
            client.SearchUids("UNDELETED");
        }
    }

    static void MailKitIdle(MailKit.Net.Imap.ImapClient client, int ms)
    {
        var end = Environment.TickCount64 + ms;
        while (Environment.TickCount64 < end)
        {
            using (var done = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Min(SearchEveryMs, end - Environment.TickCount64))))
                client.Idle(done.Token);
            client.Inbox.Search(SearchQuery.NotDeleted);
        }
    }

    // As on the device: one MIME reader, made once.
    readonly Gateway.Mail.Mime.MimeReader _reader = CommandMail.NewReader();

    int OursMail(ImapClient client)
    {
        var uids = client.SearchUids("UNDELETED");
        foreach (var uid in uids)
        {
            _reader.Reset();
            _reader.ReadHeadersOnly = true;
            client.FetchHeaders(uid, HeaderFields, _reader, 16 * 1024);
            _reader.Reset();
            _reader.ReadHeadersOnly = false;
            client.FetchBody(uid, _reader, 65536);
            _reader.End();
            if (!_reader.HasText)
                throw new InvalidOperationException("the body was not read");
            client.AddFlags(uid, "\\Seen \\Deleted");
            client.Expunge(uid);
        }
        return uids.Length;
    }

    static int MailKitMail(MailKit.Net.Imap.ImapClient client)
    {
        var inbox = client.Inbox;
        var request = new FetchRequest(MessageSummaryItems.Size | MessageSummaryItems.UniqueId)
        {
            Headers = new HeaderSet([HeaderId.From, HeaderId.Subject, HeaderId.MessageId, HeaderId.References]) { "AUTO-SUBMITTED" },
        };
        var uids = inbox.Search(SearchQuery.NotDeleted);
        foreach (var uid in uids)
        {
            GC.KeepAlive(inbox.Fetch([uid], request));
            var message = inbox.GetMessage(uid);
            GC.KeepAlive(message.TextBody);
            inbox.AddFlags(uid, MessageFlags.Seen | MessageFlags.Deleted, true);
            inbox.Expunge([uid]);
        }
        return uids.Count;
    }
}
