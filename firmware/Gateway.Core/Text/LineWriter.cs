using System;
using Gateway.Core.Net;

namespace Gateway.Core.Text;

/// <summary>
/// Collects protocol lines in one fixed buffer and writes them to the channel on <see cref="Flush"/>,
/// so pipelined commands leave in one write. A line can never carry a CR or LF of its own: that
/// would let a value from configuration or mail start a second command (command injection).
/// </summary>
public sealed class LineWriter
{
    static readonly byte[] Crlf = { (byte)'\r', (byte)'\n' };

    readonly IChannel _channel;
    readonly byte[] _buf;
    int _count;

    public LineWriter(IChannel channel, int bufferSize)
    {
        _channel = channel;
        _buf = new byte[bufferSize];
    }

    /// <summary>Bytes waiting for <see cref="Flush"/>.</summary>
    public int Pending => _count;

    /// <summary>Appends <paramref name="line"/> (UTF-8) and CRLF.</summary>
    /// <exception cref="ArgumentException">The line contains CR or LF.</exception>
    public void WriteLine(string line)
    {
        for (int i = 0; i < line.Length; i++)
            if (line[i] == '\r' || line[i] == '\n')
                throw new ArgumentException("a protocol line may not contain CR or LF");
        Write(line);
        WriteBytes(Crlf, 0, 2);
    }

    /// <summary>Appends text as UTF-8 without a line end; the caller guarantees it has no CR/LF.</summary>
    public void Write(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            // Encode in slices that surely fit (<= 3 bytes per UTF-16 unit, 4 per surrogate pair).
            if (_buf.Length - _count < 8)
                Flush();
            int room = (_buf.Length - _count) / 3;
            int take = text.Length - i < room ? text.Length - i : room;
            if (take < text.Length - i && take > 0 && text[i + take - 1] >= 0xD800 && text[i + take - 1] <= 0xDBFF)
                take--; // keep a surrogate pair together
            _count += Utf8.Encode(text, i, take, _buf, _count);
            i += take;
        }
    }

    public void WriteBytes(byte[] b, int offset, int count)
    {
        while (count > 0)
        {
            if (_count == _buf.Length)
                Flush();
            int n = _buf.Length - _count < count ? _buf.Length - _count : count;
            Array.Copy(b, offset, _buf, _count, n);
            _count += n;
            offset += n;
            count -= n;
        }
    }

    public void Flush()
    {
        if (_count == 0) return;
        _channel.Write(_buf, 0, _count);
        _count = 0;
    }
}
