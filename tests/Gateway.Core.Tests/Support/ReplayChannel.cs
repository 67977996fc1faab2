using System.Text;
using Gateway.Core.Net;
using Xunit.Sdk;

namespace Gateway.Core.Tests.Support;

/// <summary>
/// A recorded server dialogue (after MailKit's SmtpReplayStream): a list of steps, each what the
/// client must send (every byte asserted) and what the server then answers. A client that reads
/// before it sent all it should have (e.g. waits between pipelined commands) fails the test, as
/// does a byte that differs. Answers can be delivered whole, a line at a time or a byte at a time.
/// </summary>
public sealed class ReplayChannel : IChannel, IWaitableChannel
{
    public enum Delivery { Whole, ByLine, ByByte }

    readonly List<(string client, string server)> _steps = [];
    readonly Delivery _delivery;
    readonly StringBuilder _transcript = new();
    int _step;            // the step whose client part is being matched
    int _clientMatched;   // chars of that step's client part already written
    byte[] _pending = []; // server bytes not yet read
    int _pendingPos;

    public ReplayChannel(Delivery delivery = Delivery.Whole) => _delivery = delivery;

    /// <summary>The server speaks first (a greeting): a step with nothing expected from the client.</summary>
    public ReplayChannel Greet(string server) => Step("", server);

    public ReplayChannel Step(string client, string server)
    {
        _steps.Add((client, server));
        return this;
    }

    public bool IsEncrypted { get; private set; }
    public bool Closed { get; private set; }
    public int TlsUpgrades { get; private set; }
    public string Transcript => _transcript.ToString();

    /// <summary>True when every step ran: the client sent all it had to.</summary>
    public bool Finished => _step == _steps.Count && _pendingPos == _pending.Length;

    /// <summary>True when the client sent everything the script expects, the last step's reply left unread (QUIT's).</summary>
    public bool SentAll => Finished || (_step == _steps.Count - 1 && _pendingPos == _pending.Length && _clientMatched == _steps[_step].client.Length);

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_pendingPos == _pending.Length)
        {
            if (_step >= _steps.Count)
                return 0; // the server hangs up after the script
            var (client, server) = _steps[_step];
            if (_clientMatched != client.Length)
                throw new XunitException($"client waited for a reply at step {_step} before sending: {Show(client[_clientMatched..])}\ntranscript:\n{Transcript}");
            _step++;
            _clientMatched = 0;
            _pending = Encoding.UTF8.GetBytes(server);
            _pendingPos = 0;
            _transcript.Append("S: ").Append(server.Replace("\r\n", "\r\nS: ")).Append('\n');
            if (_pending.Length == 0) return 0; // a step with no answer: the server closes
        }
        int available = _pending.Length - _pendingPos;
        int n = _delivery switch
        {
            Delivery.ByByte => 1,
            Delivery.ByLine => Array.IndexOf(_pending, (byte)'\n', _pendingPos) is int lf and >= 0 ? lf - _pendingPos + 1 : available,
            _ => available,
        };
        n = Math.Min(n, Math.Min(count, available));
        Array.Copy(_pending, _pendingPos, buffer, offset, n);
        _pendingPos += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        var text = Encoding.UTF8.GetString(buffer, offset, count);
        _transcript.Append("C: ").Append(text.Replace("\r\n", "\r\nC: ")).Append('\n');
        foreach (char c in text)
        {
            if (_step >= _steps.Count)
                throw new XunitException($"client sent more than the script: {Show(text)}\ntranscript:\n{Transcript}");
            var expected = _steps[_step].client;
            if (_clientMatched >= expected.Length)
                throw new XunitException($"client sent {Show(text)} at step {_step} but should wait for the reply\ntranscript:\n{Transcript}");
            if (expected[_clientMatched] != c)
                throw new XunitException($"client sent {Show(text)} at step {_step}; expected {Show(expected[_clientMatched..])}\ntranscript:\n{Transcript}");
            _clientMatched++;
        }
    }

    /// <summary>
    /// IMAP IDLE's wait: data is there when bytes are pending or the next step's server part is due
    /// (its client part all sent); otherwise the server is quiet and the wait returns false at once.
    /// </summary>
    public bool WaitForData(int timeoutMs)
    {
        Waits++;
        if (_pendingPos < _pending.Length) return true;
        return _step < _steps.Count && _clientMatched == _steps[_step].client.Length;
    }

    /// <summary>How often the client waited without reading (IDLE).</summary>
    public int Waits { get; private set; }

    public void StartTls(string host)
    {
        IsEncrypted = true;
        TlsUpgrades++;
        _transcript.Append("-- TLS with ").Append(host).Append(" --\n");
    }

    public void Close() => Closed = true;

    static string Show(string s) => "\"" + s.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}

/// <summary>A connector that hands out one prepared channel and remembers how it was asked.</summary>
public sealed class ReplayConnector(IChannel channel) : IConnector
{
    public string? Host;
    public int Port;
    public TlsMode Tls;

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        Host = host;
        Port = port;
        Tls = tls;
        if (tls == TlsMode.Implicit) channel.StartTls(host);
        return channel;
    }
}
