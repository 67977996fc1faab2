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
    IChannel? _channel;
    readonly byte[] _buf;
    int _count;

    public LineWriter(IChannel channel, int bufferSize)
        : this(bufferSize)
    {
        _channel = channel;
    }

    /// <summary>A writer whose buffer is made once and lent to one connection after another (<see cref="Attach"/>).</summary>
    public LineWriter(int bufferSize)
    {
        _buf = new byte[bufferSize];
    }

    /// <summary>Writes to <paramref name="channel"/> from now on; anything unflushed is dropped.</summary>
    public void Attach(IChannel channel)
    {
        _channel = channel;
        _count = 0;
        LineStart = 0;
    }

    /// <summary>Appends CRLF: the end of a line written in pieces with <see cref="Write"/>.</summary>
    public void EndLine()
    {
        WriteByte((byte)'\r');
        WriteByte((byte)'\n');
        LineStart = _count;
    }

    /// <summary>Appends a non-negative decimal without making a string.</summary>
    public void WriteDecimal(long value)
    {
        if (value < 0) throw new ArgumentException("negative");
        long div = 1;
        while (value / div >= 10) div *= 10;
        for (; div > 0; div /= 10)
        {
            if (_count == _buf.Length) Flush();
            _buf[_count++] = (byte)('0' + (int)(value / div % 10));
        }
    }

    /// <summary>Bytes waiting for <see cref="Flush"/>.</summary>
    public int Pending => _count;

    /// <summary>Where the line being written began in the buffer.</summary>
    public int LineStart { get; private set; }

    /// <summary>The text written since <paramref name="mark"/> (a <see cref="Pending"/> value), line end excluded: for transcripts.</summary>
    public string TextSince(int mark)
    {
        if (mark < 0 || mark > _count) return "(line too long to show)";
        int end = _count;
        if (end - mark >= 2 && _buf[end - 2] == (byte)'\r' && _buf[end - 1] == (byte)'\n') end -= 2;
        return Utf8.Decode(_buf, mark, end - mark);
    }

    /// <summary>Appends <paramref name="line"/> (UTF-8) and CRLF.</summary>
    /// <exception cref="ArgumentException">The line contains CR or LF.</exception>
    public void WriteLine(string line)
    {
        for (int i = 0; i < line.Length; i++)
            if (line[i] == '\r' || line[i] == '\n')
                throw new ArgumentException("a protocol line may not contain CR or LF");
        Write(line);
        EndLine();
    }

    /// <summary>Appends text as UTF-8 without a line end; the caller guarantees it has no CR/LF.</summary>
    public void Write(string text)
    {
        int bytes = Utf8.GetByteCount(text);
        if (bytes > _buf.Length - _count)
            Flush();
        if (bytes <= _buf.Length - _count)
        {
            _count += Utf8.Encode(text, 0, text.Length, _buf, _count);
            return;
        }
        // Longer than the whole buffer (never a protocol line): encoded once, then written in pieces.
        var encoded = Utf8.GetBytes(text);
        WriteBytes(encoded, 0, encoded.Length);
    }

    /// <summary>Appends one byte (CR, LF, a dot: no array is kept for them, each static one being RAM on the device from boot).</summary>
    public void WriteByte(byte b)
    {
        if (_count == _buf.Length)
            Flush();
        _buf[_count++] = b;
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
        if (_channel == null)
            throw new InvalidOperationException("the line writer has no channel");
        _channel.Write(_buf, 0, _count);
        _count = 0;
        LineStart = 0;
    }
}
