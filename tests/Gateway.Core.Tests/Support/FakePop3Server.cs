using System.Text;
using Gateway.Core.Net;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// A reactive POP3 maildrop in memory for tests of what sits above the POP3 client (the poller): it
/// answers as a simple server would, deletes only at QUIT (RFC 1939 UPDATE state), and records
/// every command so a test can assert, say, that a mail over the size cap was never retrieved.
/// </summary>
public sealed class FakePop3Server : IConnector
{
    public sealed record Mail(string Uid, string Text);

    public readonly List<Mail> Mails = [];
    public readonly List<string> Commands = [];

    /// <summary>"drop-at-quit": the connection dies when QUIT arrives, so nothing is deleted.</summary>
    public string? Fault;

    public void Add(string uid, string text) => Mails.Add(new Mail(uid, text.Replace("\r\n", "\n").Replace("\n", "\r\n")));

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => new Session(this);

    sealed class Session(FakePop3Server server) : IChannel
    {
        readonly StringBuilder _in = new();
        readonly HashSet<int> _deleted = [];
        readonly Mail[] _snapshot = server.Mails.ToArray();
        byte[] _out = Encoding.ASCII.GetBytes("+OK fake ready\r\n");
        int _pos;
        bool _closed;

        public bool IsEncrypted { get; private set; } = true;

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_pos == _out.Length) return 0;
            int n = Math.Min(count, _out.Length - _pos);
            Array.Copy(_out, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_closed) throw new ChannelException(ChannelError.ConnectionLost, "connection lost");
            _in.Append(Encoding.UTF8.GetString(buffer, offset, count));
            var reply = new StringBuilder();
            while (true)
            {
                var text = _in.ToString();
                int lf = text.IndexOf('\n');
                if (lf < 0) break;
                _in.Remove(0, lf + 1);
                reply.Append(Handle(text[..lf].TrimEnd('\r')));
            }
            _out = _out.AsSpan(_pos).ToArray().Concat(Encoding.UTF8.GetBytes(reply.ToString())).ToArray();
            _pos = 0;
        }

        string Handle(string line)
        {
            var parts = line.Split(' ');
            var verb = parts[0].ToUpperInvariant();
            server.Commands.Add(verb == "PASS" ? "PASS" : line);
            int n = parts.Length > 1 && int.TryParse(parts[1], out var k) ? k : 0;
            bool valid = n >= 1 && n <= _snapshot.Length && !_deleted.Contains(n);
            switch (verb)
            {
                case "CAPA": return "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n";
                case "USER": return "+OK\r\n";
                case "PASS": return "+OK logged in\r\n";
                case "STAT": return $"+OK {_snapshot.Length} 0\r\n";
                case "UIDL": return "+OK\r\n" + string.Concat(Live().Select(i => $"{i} {_snapshot[i - 1].Uid}\r\n")) + ".\r\n";
                case "LIST": return "+OK\r\n" + string.Concat(Live().Select(i => $"{i} {_snapshot[i - 1].Text.Length}\r\n")) + ".\r\n";
                case "TOP" when valid: return "+OK\r\n" + Stuff(_snapshot[n - 1].Text[..(_snapshot[n - 1].Text.IndexOf("\r\n\r\n") + 4)]) + ".\r\n";
                case "RETR" when valid: return "+OK\r\n" + Stuff(_snapshot[n - 1].Text) + ".\r\n";
                case "DELE" when valid: _deleted.Add(n); return "+OK\r\n";
                case "QUIT":
                    if (server.Fault == "drop-at-quit") { _closed = true; return ""; }
                    foreach (var i in _deleted) server.Mails.Remove(_snapshot[i - 1]);
                    return "+OK bye\r\n";
                default: return "-ERR no such message or command\r\n";
            }
        }

        IEnumerable<int> Live() => Enumerable.Range(1, _snapshot.Length).Where(i => !_deleted.Contains(i));

        static string Stuff(string text) =>
            string.Concat(text.Split("\r\n").SkipLast(1).Select(l => (l.StartsWith('.') ? "." + l : l) + "\r\n"));

        public void StartTls(string host) => IsEncrypted = true;
        public void Close() => _closed = true;
    }
}
