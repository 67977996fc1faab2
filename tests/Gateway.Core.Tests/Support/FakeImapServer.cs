using System.Text;
using Gateway.Core.Net;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// A reactive IMAP folder in memory for tests of what sits above the IMAP client (the poller), in
/// Dovecot's shapes: implicit TLS, AUTHENTICATE PLAIN with SASL-IR, SELECT, UID SEARCH, UID FETCH,
/// UID STORE, UID EXPUNGE, NOOP, IDLE/DONE, LOGOUT. Every command is recorded without its tag. Faults:
/// refused connections, a connection dropped when a given command arrives, a DONE never answered,
/// and <see cref="Push"/> announcing new mail to a session in IDLE. A dead session reads as closed.
/// </summary>
public sealed class FakeImapServer : IConnector
{
    public sealed class Mail(long uid, byte[] bytes)
    {
        public long Uid { get; } = uid;
        public byte[] Bytes { get; } = bytes;
        public bool Deleted { get; set; }

        public byte[] Headers()
        {
            int end = Encoding.ASCII.GetString(Bytes).IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return end < 0 ? Bytes : Bytes[..(end + 4)];
        }
    }

    public readonly List<Mail> Mails = [];
    public readonly List<string> Commands = [];
    public long UidValidity = 1;
    long _nextUid = 1;
    readonly List<Session> _sessions = [];

    /// <summary>Connections asked for, refused ones included.</summary>
    public int Connects;

    /// <summary>The next this many connections are refused (as a server that is down).</summary>
    public int Refuse;

    /// <summary>The connection dies when a command starting with this arrives (e.g. "UID STORE", "DONE"), once.</summary>
    public string? DropAt;

    /// <summary>DONE is never answered: the connection goes quiet, as a half-open one does.</summary>
    public bool SilentDone;

    public string Capabilities = "IMAP4rev1 SASL-IR AUTH=PLAIN IDLE UIDPLUS";

    public Mail Add(string text)
    {
        var mail = new Mail(_nextUid++, Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));
        Mails.Add(mail);
        return mail;
    }

    /// <summary>Every session in IDLE hears "* n EXISTS" (RFC 2177), as when mail is delivered.</summary>
    public void Push()
    {
        foreach (var s in _sessions)
            if (s.Idling) s.Answer("* " + Mails.Count + " EXISTS\r\n");
    }

    /// <summary>Every open session dies without a word (a reset, a cable pulled).</summary>
    public void KillAll()
    {
        foreach (var s in _sessions) s.Dead = true;
    }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        Connects++;
        if (Refuse > 0)
        {
            Refuse--;
            throw new ChannelException(ChannelError.ConnectFailed, "connection refused by " + host + ":" + port);
        }
        var session = new Session(this);
        _sessions.Add(session);
        session.Answer("* OK [CAPABILITY " + Capabilities + "] Fake ready.\r\n");
        return session;
    }

    internal sealed class Session(FakeImapServer server) : IChannel, IWaitableChannel
    {
        readonly MemoryStream _out = new();
        readonly StringBuilder _line = new();
        int _read;
        string _idleTag = "";

        public bool Dead { get; set; }
        public bool Idling => _idleTag.Length > 0 && !Dead;
        public bool IsEncrypted => true;

        public void Answer(string text) => _out.Write(Encoding.UTF8.GetBytes(text));

        void Answer(byte[] bytes) => _out.Write(bytes);

        public int Read(byte[] buffer, int offset, int count)
        {
            if (Dead) return 0;
            var pending = _out.GetBuffer();
            int n = Math.Min(count, (int)_out.Length - _read);
            Array.Copy(pending, _read, buffer, offset, n);
            _read += n;
            return n; // 0 when nothing is pending: a synchronous fake cannot block, so it reads as closed
        }

        public bool WaitForData(int timeoutMs) => Dead || _out.Length > _read;

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Dead) return;
            _line.Append(Encoding.UTF8.GetString(buffer, offset, count));
            string text = _line.ToString();
            int end;
            while ((end = text.IndexOf("\r\n", StringComparison.Ordinal)) >= 0)
            {
                Command(text[..end]);
                text = text[(end + 2)..];
            }
            _line.Clear().Append(text);
        }

        public void StartTls(string host) => throw new InvalidOperationException("the fake speaks implicit TLS only");

        public void Close() => Dead = true;

        void Command(string line)
        {
            if (Dead) return;
            if (line == "DONE")
            {
                server.Commands.Add("DONE");
                if (Drop("DONE") || server.SilentDone) return;
                Answer(_idleTag + " OK Idle completed.\r\n");
                _idleTag = "";
                return;
            }
            int space = line.IndexOf(' ');
            string tag = line[..space], command = line[(space + 1)..];
            server.Commands.Add(command);
            if (Drop(command)) return;
            var words = command.Split(' ');
            switch (words[0] == "UID" ? "UID " + words[1] : words[0])
            {
                case "AUTHENTICATE": Answer(tag + " OK Logged in\r\n"); break;
                case "SELECT":
                    Answer($"* {server.Mails.Count} EXISTS\r\n* OK [UIDVALIDITY {server.UidValidity}] UIDs valid\r\n* OK [UIDNEXT {server._nextUid}] Predicted next UID\r\n{tag} OK [READ-WRITE] Select completed.\r\n");
                    break;
                case "UID SEARCH":
                    bool deleted = words[2] == "DELETED"; // else UNDELETED
                    Answer("* SEARCH" + string.Concat(server.Mails.Where(m => m.Deleted == deleted).Select(m => " " + m.Uid)) + "\r\n" + tag + " OK Search completed.\r\n");
                    break;
                case "UID FETCH": Fetch(tag, long.Parse(words[2]), command.Contains("HEADER.FIELDS", StringComparison.Ordinal)); break;
                case "UID STORE":
                    foreach (var m in server.Mails.Where(m => m.Uid == long.Parse(words[2]))) m.Deleted = true;
                    Answer(tag + " OK Store completed.\r\n");
                    break;
                case "UID EXPUNGE":
                    server.Mails.RemoveAll(m => m.Deleted && m.Uid == long.Parse(words[2]));
                    Answer(tag + " OK Expunge completed.\r\n");
                    break;
                case "IDLE":
                    _idleTag = tag;
                    Answer("+ idling\r\n");
                    break;
                case "LOGOUT": Answer("* BYE Logging out\r\n" + tag + " OK Logout completed.\r\n"); break;
                default: Answer(tag + " OK " + words[0] + " completed.\r\n"); break;
            }
        }

        bool Drop(string command)
        {
            if (server.DropAt == null || !command.StartsWith(server.DropAt, StringComparison.Ordinal)) return false;
            server.DropAt = null;
            Dead = true;
            return true;
        }

        void Fetch(string tag, long uid, bool headersOnly)
        {
            int index = server.Mails.FindIndex(m => m.Uid == uid);
            if (index >= 0)
            {
                var mail = server.Mails[index];
                var bytes = headersOnly ? mail.Headers() : mail.Bytes;
                string section = headersOnly ? "BODY[HEADER.FIELDS (FROM SUBJECT MESSAGE-ID REFERENCES AUTO-SUBMITTED)]" : "BODY[]";
                Answer($"* {index + 1} FETCH (UID {uid} RFC822.SIZE {mail.Bytes.Length} {section} {{{bytes.Length}}}\r\n");
                Answer(bytes);
                Answer(")\r\n");
            }
            Answer(tag + " OK Fetch completed.\r\n");
        }
    }
}
