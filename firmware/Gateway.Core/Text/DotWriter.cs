namespace Gateway.Core.Text;

/// <summary>
/// Writes a message body for SMTP DATA (RFC 5321 4.5.2): a '.' at the start of a line is doubled,
/// bare CR or LF become CRLF, and <see cref="Finish"/> ends with CRLF "." CRLF. A byte state machine
/// over the line writer's fixed buffer, so a message of any size streams through it.
/// </summary>
public sealed class DotWriter
{
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static byte[]? s_crlf;
    static byte[] Crlf => s_crlf ?? (s_crlf = new byte[] { (byte)'\r', (byte)'\n' });
    static byte[]? s_endOfData;
    static byte[] EndOfData => s_endOfData ?? (s_endOfData = new byte[] { (byte)'.', (byte)'\r', (byte)'\n' });
    static byte[]? s_dot;
    static byte[] Dot => s_dot ?? (s_dot = new byte[] { (byte)'.' });

    readonly LineWriter _out;
    bool _atLineStart = true;
    bool _afterCr;

    public DotWriter(LineWriter output)
    {
        _out = output;
    }

    public void Write(byte[] b, int offset, int count)
    {
        int end = offset + count;
        int run = offset; // start of bytes that pass through unchanged
        for (int i = offset; i < end; i++)
        {
            byte c = b[i];
            if (_afterCr)
            {
                _afterCr = false;
                if (c == (byte)'\n')
                {
                    _atLineStart = true;
                    continue;
                }
                // A bare CR: complete it to CRLF before this byte.
                Emit(b, run, i - run);
                _out.WriteBytes(Crlf, 1, 1);
                run = i;
                _atLineStart = true;
            }
            if (c == (byte)'\r')
            {
                _afterCr = true;
                _atLineStart = false;
                continue;
            }
            if (c == (byte)'\n')
            {
                Emit(b, run, i - run);
                _out.WriteBytes(Crlf, 0, 2);
                run = i + 1;
                _atLineStart = true;
                continue;
            }
            if (_atLineStart && c == (byte)'.')
            {
                Emit(b, run, i - run);
                _out.WriteBytes(Dot, 0, 1);
                run = i;
            }
            _atLineStart = false;
        }
        Emit(b, run, end - run);
    }

    /// <summary>Starts a new body (the writer is kept and reused, one per client).</summary>
    public void Reset()
    {
        _atLineStart = true;
        _afterCr = false;
    }

    /// <summary>Ends the last line if needed and writes the end-of-data marker.</summary>
    public void Finish()
    {
        if (_afterCr)
            _out.WriteBytes(Crlf, 1, 1);
        else if (!_atLineStart)
            _out.WriteBytes(Crlf, 0, 2);
        _out.WriteBytes(EndOfData, 0, 3);
        _atLineStart = true;
        _afterCr = false;
    }

    void Emit(byte[] b, int offset, int count)
    {
        if (count > 0)
            _out.WriteBytes(b, offset, count);
    }
}
