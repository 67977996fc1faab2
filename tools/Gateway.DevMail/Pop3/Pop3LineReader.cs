using System.Text;

namespace Gateway.DevMail.Pop3;

/// <summary>
/// Reads CRLF-ended command lines into one fixed buffer of <c>maxLine + 2</c> bytes; a longer line
/// is refused with <see cref="LineTooLongException"/> instead of growing anything. Bytes that
/// arrived after a line (a pipelining client) wait in the buffer for the next call.
/// </summary>
sealed class Pop3LineReader(int maxLine)
{
    readonly byte[] _buf = new byte[maxLine + 2];
    Stream? _stream;
    int _start, _end;

    /// <summary>Reads from <paramref name="stream"/> from now on, forgetting anything buffered (after STLS it must not count).</summary>
    public void Attach(Stream stream)
    {
        _stream = stream;
        _start = _end = 0;
    }

    /// <summary>Bytes received but not yet returned as a line.</summary>
    public int Buffered => _end - _start;

    /// <summary>The next line without its CRLF (a bare LF also ends a line), or null when the client closed.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        int scanned = _start;
        while (true)
        {
            int lf = Array.IndexOf(_buf, (byte)'\n', scanned, _end - scanned);
            if (lf >= 0)
            {
                int length = lf - _start;
                if (length > 0 && _buf[lf - 1] == '\r') length--;
                var line = Encoding.UTF8.GetString(_buf, _start, length);
                _start = lf + 1;
                return line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            scanned = _end;
            if (_end == _buf.Length)
                throw new LineTooLongException(_buf.Length - 2);
            int n = await _stream!.ReadAsync(_buf.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0) return null;
            _end += n;
        }
    }
}
