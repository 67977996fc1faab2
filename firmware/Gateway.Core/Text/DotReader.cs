using Gateway.Core.Net;

namespace Gateway.Core.Text;

/// <summary>
/// Reads a dot-terminated multi-line body (RFC 1939 section 3, RFC 5321 4.5.2), the mirror of
/// <see cref="DotWriter"/>: a line at a time through the <see cref="LineReader"/>'s fixed buffer,
/// the stuffed leading '.' removed, ending at the line that is a lone '.'. Nothing is buffered
/// beyond one line, so a body of any size streams through; a line longer than the reader's limit
/// throws <see cref="LineTooLongException"/>.
/// </summary>
public sealed class DotReader
{
    readonly LineReader _lines;

    public DotReader(LineReader lines)
    {
        _lines = lines;
    }

    /// <summary>The bytes of the last line read (terminator and stuffed dot excluded) start at <see cref="LineStart"/>.</summary>
    public byte[] Buffer => _lines.Buffer;

    public int LineStart { get; private set; }

    public int LineLength { get; private set; }

    /// <summary>Reads the next line of the body.</summary>
    /// <returns>False at the terminating "." line: the body is complete.</returns>
    /// <exception cref="ChannelException">The connection closed or failed before the terminating line.</exception>
    /// <exception cref="LineTooLongException">A line exceeds the reader's limit.</exception>
    public bool ReadLine()
    {
        if (!_lines.ReadLine())
            throw new ChannelException(ChannelError.ConnectionLost, "connection closed before the end of a multi-line response");
        int start = _lines.LineStart, length = _lines.LineLength;
        if (length > 0 && _lines.Buffer[start] == (byte)'.')
        {
            if (length == 1)
            {
                LineStart = start;
                LineLength = 0;
                return false;
            }
            start++;
            length--;
        }
        LineStart = start;
        LineLength = length;
        return true;
    }

    /// <summary>The last line read, decoded as UTF-8.</summary>
    public string LineText => Utf8.Decode(_lines.Buffer, LineStart, LineLength);
}
