using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>
/// Reads what a POP3 server sends (RFC 1939 3): a status line ("+OK" / "-ERR"), a SASL continuation
/// ("+ challenge", RFC 5034 4), and the dot-terminated body of a multi-line response a line at a time
/// (dot-unstuffed), so no response is ever held whole. A line that is none of these, too long, or
/// missing is a <see cref="Pop3Exception"/> without a response; the connection's own failures pass as
/// <see cref="Gateway.Core.Net.ChannelException"/>. The client decides what each failure does to the session.
/// </summary>
public sealed class Pop3ReplyReader
{
    readonly LineReader _lines;
    readonly DotReader _dots;

    public Pop3ReplyReader(LineReader lines)
    {
        _lines = lines;
        _dots = new DotReader(lines);
    }

    /// <summary>The last body line read by <see cref="ReadBodyLine"/> or <see cref="ReadMessageLine"/>: its bytes start at <see cref="LineStart"/>.</summary>
    public byte[] Buffer => _dots.Buffer;

    public int LineStart => _dots.LineStart;

    public int LineLength => _dots.LineLength;

    public string LineText => _dots.LineText;

    /// <summary>Bytes received but not read yet (after STLS they would be an injection, RFC 2595 4).</summary>
    public int Buffered => _lines.Buffered;

    /// <summary>A status line.</summary>
    public Pop3Response ReadStatus(Pop3Stage stage)
    {
        ReadLineOrFail(stage);
        return ParseStatus(stage);
    }

    /// <summary>A status line, or null for a continuation "+ challenge" (RFC 5034 4), whose text is put in <paramref name="challenge"/>.</summary>
    public Pop3Response? ReadAuthReply(Pop3Stage stage, out string challenge)
    {
        ReadLineOrFail(stage);
        byte[] b = _lines.Buffer;
        int start = _lines.LineStart, length = _lines.LineLength;
        if (length > 0 && b[start] == (byte)'+' && (length == 1 || b[start + 1] == (byte)' '))
        {
            challenge = length > 2 ? Ascii.TrimBlanks(Utf8.Decode(b, start + 2, length - 2)) : "";
            return null;
        }
        challenge = "";
        return ParseStatus(stage);
    }

    /// <summary>The next line of a multi-line response that is not a message (CAPA, UIDL, LIST); false at its end.</summary>
    public bool ReadBodyLine(Pop3Stage stage)
    {
        try
        {
            return _dots.ReadLine();
        }
        catch (LineTooLongException e)
        {
            throw new Pop3Exception(Pop3ErrorKind.Protocol, stage,
                Pop3Exception.StageName(stage) + ": response line longer than " + Ascii.FromInt(e.Limit) + " bytes", e);
        }
    }

    /// <summary>The next line of a message (TOP, RETR); a line longer than the buffer is a <see cref="Pop3ErrorKind.Limit"/>.</summary>
    public bool ReadMessageLine(Pop3Stage stage, int number)
    {
        try
        {
            return _dots.ReadLine();
        }
        catch (LineTooLongException e)
        {
            throw new Pop3Exception(Pop3ErrorKind.Limit, stage, Pop3Exception.StageName(stage) + " " + Ascii.FromInt(number)
                + ": a line of the message is longer than " + Ascii.FromInt(e.Limit) + " bytes; the connection was closed", e);
        }
    }

    Pop3Response ParseStatus(Pop3Stage stage)
    {
        var r = Pop3Response.Parse(_lines.Buffer, _lines.LineStart, _lines.LineLength);
        if (r == null)
            throw new Pop3Exception(Pop3ErrorKind.Protocol, stage,
                Pop3Exception.StageName(stage) + ": not a POP3 response: \"" + Ascii.Excerpt(_lines.LineText, 80) + "\"");
        return r;
    }

    void ReadLineOrFail(Pop3Stage stage)
    {
        bool got;
        try
        {
            got = _lines.ReadLine();
        }
        catch (LineTooLongException e)
        {
            throw new Pop3Exception(Pop3ErrorKind.Protocol, stage, Pop3Exception.StageName(stage) + ": response line longer than " + Ascii.FromInt(e.Limit) + " bytes", e);
        }
        if (!got)
            throw new Pop3Exception(Pop3ErrorKind.Transient, stage, Pop3Exception.StageName(stage) + ": the server closed the connection without a response");
    }
}
