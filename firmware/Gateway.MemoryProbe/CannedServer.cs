using System;
using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.MemoryProbe;

/// <summary>
/// A mail server stand-in for the memory probe: it answers each command line the client writes by
/// its verb, with replies made once, and keeps no text of what it is sent (the first bytes of a
/// line only), so what the probe measures is the client, not the server. Unlike the self-test's
/// ScriptChannel it does not check the client's bytes (the Message-ID and Date of a mail differ
/// run to run); the probe checks the outcome instead.
/// </summary>
public abstract class CannedServer : IConnector, IChannel
{
    const int LineKept = 64;
    readonly byte[] _line = new byte[LineKept];
    int _lineLength;
    // Replies waiting to be read: the longest burst is the mail itself (RETR, about 500 bytes) or a
    // pipelined batch of short replies. Small, since it counts in the heap the probe measures.
    readonly byte[] _out = new byte[2048];
    int _outStart;
    int _outEnd;

    /// <summary>Connections the client opened.</summary>
    public int Connections { get; private set; }

    public bool IsEncrypted { get; private set; }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        Connections++;
        _outStart = _outEnd = 0;
        _lineLength = 0;
        IsEncrypted = tls == TlsMode.Implicit;
        OnConnect();
        return this;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = _outEnd - _outStart;
        if (n > count) n = count;
        Array.Copy(_out, _outStart, buffer, offset, n);
        _outStart += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        for (int i = offset; i < offset + count; i++)
        {
            byte b = buffer[i];
            if (b == (byte)'\n')
            {
                int length = _lineLength > 0 && _line[_lineLength - 1] == (byte)'\r' ? _lineLength - 1 : _lineLength;
                _lineLength = 0;
                OnLine(_line, length);
            }
            else if (_lineLength < LineKept)
            {
                _line[_lineLength++] = b;
            }
        }
    }

    public void StartTls(string host)
    {
        IsEncrypted = true;
    }

    public void Close()
    {
    }

    /// <summary>A new connection: queue the greeting.</summary>
    protected abstract void OnConnect();

    /// <summary>One line from the client (without CRLF; at most its first 64 bytes).</summary>
    protected abstract void OnLine(byte[] line, int length);

    protected void Reply(byte[] reply)
    {
        if (_outStart == _outEnd) _outStart = _outEnd = 0;
        if (_outEnd + reply.Length > _out.Length) throw new InvalidOperationException("canned server: more replies waiting than its buffer holds");
        Array.Copy(reply, 0, _out, _outEnd, reply.Length);
        _outEnd += reply.Length;
    }

    /// <summary>Whether the line is the command <paramref name="verb"/> (any case), alone or with arguments.</summary>
    protected static bool Is(byte[] line, int length, string verb) =>
        Ascii.StartsWithIgnoreCase(line, 0, length, verb) && (length == verb.Length || line[verb.Length] == (byte)' ');

    protected static byte[] Bytes(string text) => Utf8.GetBytes(text);
}
