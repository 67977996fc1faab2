using System.Text;
using Gateway.Core.Net;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// A reactive POP3 maildrop in memory for tests of what sits above the POP3 client (the poller): it
/// answers as a simple server would, deletes only at QUIT (RFC 1939 UPDATE state), and records
/// every command so a test can assert, say, that a mail over the size cap was never retrieved.
/// A mail is bytes (so a test can put invalid UTF-8 in it), and may have a generated body: a block
/// repeated many times, streamed by RETR without ever being held whole, so a 50 MB mail costs the
/// test a few bytes and the client's allocations can be measured around it.
/// </summary>
public sealed class FakePop3Server : IConnector
{
    /// <summary>
    /// One mail: <see cref="Head"/> (headers, blank line, first body lines), then <see cref="Block"/>
    /// <see cref="Repeats"/> times, then <see cref="Tail"/>; each piece whole CRLF lines, dot-stuffed.
    /// </summary>
    public sealed class Mail(string uid, byte[] head, byte[] block, long repeats, byte[] tail)
    {
        public string Uid { get; } = uid;
        public byte[] Head { get; } = head;
        public byte[] Block { get; } = block;
        public long Repeats { get; } = repeats;
        public byte[] Tail { get; } = tail;

        /// <summary>The octets of the mail (RFC 1939 LIST counts the message as it would be retrieved).</summary>
        public long Size => Head.Length + Block.Length * Repeats + Tail.Length;

        /// <summary>What LIST answers when not <see cref="Size"/>: a server whose sizes are wrong (or lie).</summary>
        public long? ListedSize { get; set; }

        /// <summary>TOP n 0: the head up to and including the blank line that ends the headers.</summary>
        public byte[] Headers()
        {
            int end = IndexOf(Head, "\r\n\r\n"u8);
            return end < 0 ? Head : Head[..(end + 4)];
        }
    }

    public readonly List<Mail> Mails = [];
    public readonly List<string> Commands = [];

    /// <summary>"drop-at-quit": the connection dies when QUIT arrives, so nothing is deleted.</summary>
    public string? Fault;

    /// <summary>Bytes handed to clients, over all sessions.</summary>
    public long Served;

    /// <summary>Adds a mail written with LF or CRLF line ends (stored with CRLF, as UTF-8).</summary>
    public Mail Add(string uid, string text) => AddRaw(uid, Encoding.UTF8.GetBytes(Crlf(text)));

    /// <summary>Adds a mail as raw bytes (CRLF line ends already), e.g. with invalid UTF-8 in it.</summary>
    public Mail AddRaw(string uid, byte[] message) => Added(new Mail(uid, Stuff(message), [], 0, []));

    /// <summary>
    /// Adds a mail of <paramref name="head"/>, <paramref name="block"/> repeated <paramref name="repeats"/>
    /// times and <paramref name="tail"/> (each whole lines) that is never held in memory whole.
    /// </summary>
    public Mail AddGenerated(string uid, string head, string block, long repeats, string tail) =>
        Added(new Mail(uid, Stuff(Encoding.UTF8.GetBytes(Crlf(head))), Stuff(Encoding.UTF8.GetBytes(Crlf(block))), repeats,
            Stuff(Encoding.UTF8.GetBytes(Crlf(tail)))));

    Mail Added(Mail m)
    {
        Mails.Add(m);
        return m;
    }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => new Session(this);

    static string Crlf(string text) => text.Replace("\r\n", "\n").Replace("\n", "\r\n");

    /// <summary>RFC 1939 3: a line that starts with '.' goes out with one more; the last line ends with CRLF.</summary>
    static byte[] Stuff(byte[] lines)
    {
        if (lines.Length > 0 && lines[^1] != '\n') lines = [.. lines, (byte)'\r', (byte)'\n'];
        var output = new List<byte>(lines.Length + 16);
        bool lineStart = true;
        foreach (var b in lines)
        {
            if (lineStart && b == '.') output.Add((byte)'.');
            output.Add(b);
            lineStart = b == '\n';
        }
        return output.ToArray();
    }

    static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    /// <summary>Bytes queued for the client: <see cref="Bytes"/> sent <see cref="Repeats"/> times.</summary>
    sealed class Segment(byte[] bytes, long repeats = 1)
    {
        public readonly byte[] Bytes = bytes;
        public readonly long Repeats = repeats;
        public int Pos;
        public long Done;
    }

    sealed class Session(FakePop3Server server) : IChannel
    {
        readonly StringBuilder _in = new();
        readonly HashSet<int> _deleted = [];
        readonly Mail[] _snapshot = server.Mails.ToArray();
        readonly Queue<Segment> _out = new([new Segment("+OK fake ready\r\n"u8.ToArray())]);
        bool _closed;

        public bool IsEncrypted { get; private set; } = true;

        public int Read(byte[] buffer, int offset, int count)
        {
            while (_out.Count > 0)
            {
                var s = _out.Peek();
                if (s.Done == s.Repeats || s.Bytes.Length == 0)
                {
                    _out.Dequeue();
                    continue;
                }
                int n = Math.Min(count, s.Bytes.Length - s.Pos);
                Array.Copy(s.Bytes, s.Pos, buffer, offset, n);
                s.Pos += n;
                server.Served += n;
                if (s.Pos == s.Bytes.Length)
                {
                    s.Pos = 0;
                    s.Done++;
                }
                return n;
            }
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_closed) throw new ChannelException(ChannelError.ConnectionLost, "connection lost");
            _in.Append(Encoding.UTF8.GetString(buffer, offset, count));
            while (true)
            {
                var text = _in.ToString();
                int lf = text.IndexOf('\n');
                if (lf < 0) break;
                _in.Remove(0, lf + 1);
                Handle(text[..lf].TrimEnd('\r'));
            }
        }

        void Reply(string text) => _out.Enqueue(new Segment(Encoding.UTF8.GetBytes(text)));

        void Handle(string line)
        {
            var parts = line.Split(' ');
            var verb = parts[0].ToUpperInvariant();
            server.Commands.Add(verb == "PASS" ? "PASS" : line);
            int n = parts.Length > 1 && int.TryParse(parts[1], out var k) ? k : 0;
            bool valid = n >= 1 && n <= _snapshot.Length && !_deleted.Contains(n);
            switch (verb)
            {
                case "CAPA": Reply("+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n"); break;
                case "USER": Reply("+OK\r\n"); break;
                case "PASS": Reply("+OK logged in\r\n"); break;
                case "STAT": Reply($"+OK {_snapshot.Length} 0\r\n"); break;
                case "UIDL": Reply("+OK\r\n" + string.Concat(Live().Select(i => $"{i} {_snapshot[i - 1].Uid}\r\n")) + ".\r\n"); break;
                case "LIST": Reply("+OK\r\n" + string.Concat(Live().Select(i => $"{i} {_snapshot[i - 1].ListedSize ?? _snapshot[i - 1].Size}\r\n")) + ".\r\n"); break;
                case "TOP" when valid:
                    var headers = _snapshot[n - 1].Headers();
                    Reply("+OK\r\n");
                    _out.Enqueue(new Segment(headers));
                    Reply(".\r\n");
                    break;
                case "RETR" when valid:
                    var m = _snapshot[n - 1];
                    Reply("+OK\r\n");
                    _out.Enqueue(new Segment(m.Head));
                    _out.Enqueue(new Segment(m.Block, m.Repeats));
                    _out.Enqueue(new Segment(m.Tail));
                    Reply(".\r\n");
                    break;
                case "DELE" when valid: _deleted.Add(n); Reply("+OK\r\n"); break;
                case "QUIT":
                    if (server.Fault == "drop-at-quit") { _closed = true; break; }
                    foreach (var i in _deleted) server.Mails.Remove(_snapshot[i - 1]);
                    Reply("+OK bye\r\n");
                    break;
                default: Reply("-ERR no such message or command\r\n"); break;
            }
        }

        IEnumerable<int> Live() => Enumerable.Range(1, _snapshot.Length).Where(i => !_deleted.Contains(i));

        public void StartTls(string host) => IsEncrypted = true;
        public void Close() => _closed = true;
    }
}
