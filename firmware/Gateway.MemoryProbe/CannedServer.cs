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
    // Replies waiting to be read, by reference (each made once): nothing is copied, since the server's
    // memory counts in the heap the probe measures. A pipelined batch is a few replies.
    readonly byte[]?[] _queue = new byte[16][];
    int _head;       // the reply being read
    int _queued;     // replies waiting, the one being read included
    int _position;   // bytes of the head reply already read

    /// <summary>Connections the client opened.</summary>
    public int Connections { get; private set; }

    public bool IsEncrypted { get; private set; }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        Connections++;
        _head = _queued = _position = 0;
        _lineLength = 0;
        IsEncrypted = tls == TlsMode.Implicit;
        OnConnect();
        return this;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_queued == 0) return 0;
        var reply = _queue[_head]!;
        int n = reply.Length - _position;
        if (n > count) n = count;
        Array.Copy(reply, _position, buffer, offset, n);
        _position += n;
        if (_position == reply.Length)
        {
            _queue[_head] = null;
            _head = (_head + 1) % _queue.Length;
            _queued--;
            _position = 0;
        }
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
        if (_queued == _queue.Length) throw new InvalidOperationException("canned server: more replies waiting than its queue holds");
        if (reply.Length == 0) return;
        _queue[(_head + _queued) % _queue.Length] = reply;
        _queued++;
    }

    /// <summary>Whether the line is the command <paramref name="verb"/> (any case), alone or with arguments.</summary>
    protected static bool Is(byte[] line, int length, string verb) =>
        Ascii.StartsWithIgnoreCase(line, 0, length, verb) && (length == verb.Length || line[verb.Length] == (byte)' ');

    protected static byte[] Bytes(string text) => Utf8.GetBytes(text);
}
