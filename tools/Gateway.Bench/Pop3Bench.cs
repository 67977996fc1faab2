using System.Net.Sockets;
using System.Net;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;
using MailKit.Security;

namespace Gateway.Bench;

/// <summary>
/// POP3 polls against the rig's Dovecot on its clear port (so TLS, the platform's, is left out): the
/// gateway's Pop3Client with its MimeReader against MailKit's Pop3Client with MimeKit, in the same
/// run. Mails are put straight into the Maildir (the benchmark is about POP3, not SMTP).
/// </summary>
public sealed class Pop3Bench(RigEnv rig)
{
    public record Result(string Case, string Client, long BytesOnWire, long BytesAllocated);

    readonly RigMaildir _maildir = new(rig);
    int Port => rig.Pop3Port;

    public List<Result> Run()
    {
        var results = new List<Result>();
        Clear();
        Measure("warm-up", "Gateway Pop3Client", Ours);
        Measure("warm-up", "MailKit Pop3Client", MailKitPoll);
        results.Add(Measure("empty poll", "Gateway Pop3Client", Ours));
        results.Add(Measure("empty poll", "MailKit Pop3Client", MailKitPoll));
        Fill(20, 600);
        results.Add(Measure("poll of 20 command mails", "Gateway Pop3Client", Ours));
        Fill(20, 600);
        results.Add(Measure("poll of 20 command mails", "MailKit Pop3Client", MailKitPoll));
        foreach (var size in new[] { 10_000, 1_000_000, 10_000_000 })
        {
            string label = size >= 1_000_000 ? $"{size / 1_000_000} MB" : $"{size / 1000} KB";
            Fill(1, size);
            results.Add(Measure($"one {label} mail streamed", "Gateway Pop3Client", Ours));
            Fill(1, size);
            results.Add(Measure($"one {label} mail streamed", "MailKit Pop3Client", MailKitPoll));
        }
        Clear();
        return results;
    }

    Result Measure(string name, string client, Action<Socket> poll)
    {
        using var counter = new LatencyProxy(new IPEndPoint(IPAddress.Loopback, Port), TimeSpan.Zero);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Loopback, counter.Port);
        long before = GC.GetAllocatedBytesForCurrentThread();
        poll(socket);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Thread.Sleep(100);
        return new Result(name, client, counter.BytesUp + counter.BytesDown, allocated);
    }

    /// <summary>A poll as the device makes it: UIDL, LIST, then per mail TOP 0 and RETR through the MIME reader, DELE, QUIT.</summary>
    void Ours(Socket socket)
    {
        _attached.Socket = socket;
        var client = _client ??= new Pop3Client(_attached, new Pop3Options
        {
            Host = "127.0.0.1", Port = Port, Tls = TlsMode.None, AllowPlainAuth = true, PreferUserPass = true,
            User = rig.DeviceUser, Password = rig.DevicePassword, TimeoutMs = 30000,
        });
        var reader = _reader;
        client.Connect();
        var uids = client.ListUids(50);
        var sizes = client.ListSizes(50);
        foreach (var u in uids)
        {
            reader.Reset();
            reader.ReadHeadersOnly = true;
            client.Top(u.Number, 0, reader, 64 * 1024);
            reader.Reset();
            reader.ReadHeadersOnly = false;
            client.Retrieve(u.Number, reader, 20_000_000);
            reader.End();
            client.Delete(u.Number);
        }
        client.Quit();
        GC.KeepAlive(sizes);
    }

    // Made once, as on the device (its text buffer is the reader's biggest allocation).
    readonly MimeReader _reader = new(new MimeLimits { MaxTextChars = 4096 });

    void MailKitPoll(Socket socket)
    {
        using var client = new MailKit.Net.Pop3.Pop3Client();
        client.Connect(socket, "127.0.0.1", Port, SecureSocketOptions.None);
        client.Authenticate(rig.DeviceUser, rig.DevicePassword);
        var uids = client.GetMessageUids();
        var sizes = client.GetMessageSizes();
        for (int i = 0; i < uids.Count; i++)
        {
            client.GetMessageHeaders(i);
            var message = client.GetMessage(i);
            GC.KeepAlive(message.TextBody);
            client.DeleteMessage(i);
        }
        client.Disconnect(true);
        GC.KeepAlive(sizes);
    }

    // As on the device: one client for the life of the program.
    readonly Attached _attached = new();
    Pop3Client? _client;

    sealed class Attached : IConnector
    {
        readonly SocketConnector _inner = new();
        public Socket? Socket;
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => _inner.Attach(Socket!, host, port, tls, timeoutMs);
    }

    void Clear() => _maildir.Clear();

    void Fill(int count, int size) => _maildir.Fill(count, size);
}
