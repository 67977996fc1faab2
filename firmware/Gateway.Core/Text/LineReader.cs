using Gateway.Core.Net;

namespace Gateway.Core.Text;

/// <summary>
/// Reads lines from a channel through one fixed buffer, so a server can never make the device
/// allocate more. A line ends with CRLF or a bare LF (RFC 5321 4.1.1.4 asks receivers to be lenient);
/// the terminator may be split across reads. The line is returned as a slice of <see cref="Buffer"/>,
/// valid until the next read.
/// </summary>
public sealed class LineReader
{
    IChannel? _channel;
    readonly byte[] _buf;
    readonly int _maxLine;
    int _start; // first unconsumed byte
    int _end;   // one past the last byte read from the channel

    /// <param name="maxLineLength">The longest line accepted, terminator excluded.</param>
    public LineReader(IChannel channel, int maxLineLength)
        : this(maxLineLength)
    {
        _channel = channel;
    }

    /// <summary>A reader whose buffer is made once and lent to one connection after another (<see cref="Attach"/>).</summary>
    public LineReader(int maxLineLength)
    {
        _maxLine = maxLineLength;
        _buf = new byte[maxLineLength + 2];
    }

    /// <summary>Reads from <paramref name="channel"/> from now on, forgetting anything buffered from the previous one.</summary>
    public void Attach(IChannel channel)
    {
        _channel = channel;
        _start = 0;
        _end = 0;
        LineStart = 0;
        LineLength = 0;
    }

    /// <summary>The bytes of the last line read start at <see cref="LineStart"/>.</summary>
    public byte[] Buffer => _buf;

    public int LineStart { get; private set; }

    public int LineLength { get; private set; }

    /// <summary>Bytes received but not yet returned as lines. Must be 0 before a TLS upgrade (RFC 3207 section 6).</summary>
    public int Buffered => _end - _start;

    /// <summary>Reads the next line.</summary>
    /// <returns>False when the peer closed the connection cleanly between lines.</returns>
    /// <exception cref="LineTooLongException">The line exceeds the limit.</exception>
    /// <exception cref="ChannelException">The connection failed or closed in the middle of a line.</exception>
    public bool ReadLine()
    {
        int scanFrom = _start;
        while (true)
        {
            for (int i = scanFrom; i < _end; i++)
            {
                if (_buf[i] != (byte)'\n')
                    continue;
                int length = i - _start;
                if (length > 0 && _buf[i - 1] == (byte)'\r')
                    length--;
                if (length > _maxLine)
                    throw new LineTooLongException(_maxLine);
                LineStart = _start;
                LineLength = length;
                _start = i + 1;
                return true;
            }
            scanFrom = _end;

            // "line + CR" may still fit when the LF arrives, so only more than that is too long.
            if (_end - _start > _maxLine + 1)
                throw new LineTooLongException(_maxLine);
            if (_end == _buf.Length)
            {
                int pending = _end - _start;
                System.Array.Copy(_buf, _start, _buf, 0, pending);
                scanFrom -= _start;
                _start = 0;
                _end = pending;
            }

            if (_channel == null)
                throw new System.InvalidOperationException("the line reader has no channel");
            int n = _channel.Read(_buf, _end, _buf.Length - _end);
            if (n <= 0)
            {
                if (_end == _start)
                    return false;
                throw new ChannelException(ChannelError.ConnectionLost, "connection closed in the middle of a line");
            }
            _end += n;
        }
    }

    /// <summary>The last line read, decoded as UTF-8 (ASCII is a subset).</summary>
    public string LineText => Utf8.Decode(_buf, LineStart, LineLength);

    /// <summary>Reads a line and returns its text, or null when the peer closed cleanly.</summary>
    public string? ReadLineText() => ReadLine() ? LineText : null;
}
