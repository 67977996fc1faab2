namespace Gateway.Core.Text;

/// <summary>
/// Writes a message body for SMTP DATA (RFC 5321 4.5.2): a '.' at the start of a line is doubled,
/// bare CR or LF become CRLF, and <see cref="Finish"/> ends with CRLF "." CRLF. A byte state machine
/// over the line writer's fixed buffer, so a message of any size streams through it.
/// </summary>
public sealed class DotWriter
{
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
                _out.WriteByte((byte)'\n');
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
                Crlf();
                run = i + 1;
                _atLineStart = true;
                continue;
            }
            if (_atLineStart && c == (byte)'.')
            {
                Emit(b, run, i - run);
                _out.WriteByte((byte)'.');
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
            _out.WriteByte((byte)'\n');
        else if (!_atLineStart)
            Crlf();
        _out.WriteByte((byte)'.');
        Crlf();
        _atLineStart = true;
        _afterCr = false;
    }

    void Emit(byte[] b, int offset, int count)
    {
        if (count > 0)
            _out.WriteBytes(b, offset, count);
    }

    void Crlf()
    {
        _out.WriteByte((byte)'\r');
        _out.WriteByte((byte)'\n');
    }
}
