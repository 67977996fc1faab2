using System.Text;
using Gateway.Core.Net;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// A reactive SMTP server in memory for tests of what sits above the SMTP client (the outbox):
/// it answers each command as a simple server would, keeps the messages it accepted, and can be
/// told to fail in one place: refuse recipients, drop the connection at end of data, and so on.
/// The client's own dialogue is tested byte for byte elsewhere, with <see cref="ReplayChannel"/>.
/// </summary>
public sealed class FakeSmtpServer : IConnector
{
    public readonly List<string> Accepted = [];
    public int Connections;

    /// <summary>Set to make the next sessions fail: "down" (connect refused), "drop-after-data" (close instead of 250), "refuse-rcpt" (550).</summary>
    public string? Fault;

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        if (Fault == "down")
            throw new ChannelException(ChannelError.ConnectFailed, "cannot connect to " + host + ":" + port + ": Connection refused");
        Connections++;
        return new Session(this);
    }

    sealed class Session(FakeSmtpServer server) : IChannel
    {
        readonly StringBuilder _in = new();
        byte[] _out = Encoding.ASCII.GetBytes("220 fake ESMTP\r\n");
        int _outPos;
        bool _inData, _closed;
        readonly StringBuilder _data = new();

        public bool IsEncrypted { get; private set; }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_outPos == _out.Length) return 0; // nothing more to say: the test client must not wait here
            int n = Math.Min(count, _out.Length - _outPos);
            Array.Copy(_out, _outPos, buffer, offset, n);
            _outPos += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_closed) throw new ChannelException(ChannelError.ConnectionLost, "connection lost writing to fake");
            _in.Append(Encoding.UTF8.GetString(buffer, offset, count));
            var reply = new StringBuilder();
            while (true)
            {
                var text = _in.ToString();
                int lf = text.IndexOf('\n');
                if (lf < 0) break;
                var line = text[..lf].TrimEnd('\r');
                _in.Remove(0, lf + 1);
                reply.Append(Handle(line));
            }
            var rest = _out.AsSpan(_outPos).ToArray();
            _out = rest.Concat(Encoding.ASCII.GetBytes(reply.ToString())).ToArray();
            _outPos = 0;
        }

        string Handle(string line)
        {
            if (_inData)
            {
                if (line != ".") { _data.Append(line.StartsWith("..") ? line[1..] : line).Append("\r\n"); return ""; }
                _inData = false;
                if (server.Fault == "drop-after-data") { _closed = true; return ""; }
                server.Accepted.Add(_data.ToString());
                _data.Clear();
                return "250 2.0.0 Ok: queued\r\n";
            }
            var verb = line.Split(' ')[0].ToUpperInvariant();
            return verb switch
            {
                "EHLO" => "250-fake\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n",
                "MAIL" => "250 2.1.0 Ok\r\n",
                "RCPT" => server.Fault == "refuse-rcpt" ? "550 5.1.1 User unknown\r\n" : "250 2.1.5 Ok\r\n",
                "DATA" => server.Fault == "refuse-rcpt" ? "554 5.5.1 Error: no valid recipients\r\n" : Begin(),
                "RSET" => "250 2.0.0 Ok\r\n",
                "QUIT" => "221 2.0.0 Bye\r\n",
                _ => "502 5.5.2 Error: command not recognized\r\n",
            };
        }

        string Begin()
        {
            _inData = true;
            return "354 End data with <CR><LF>.<CR><LF>\r\n";
        }

        public void StartTls(string host) => IsEncrypted = true;
        public void Close() => _closed = true;
    }
}
