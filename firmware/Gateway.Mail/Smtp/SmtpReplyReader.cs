using Gateway.Core.Text;

namespace Gateway.Mail.Smtp;

/// <summary>
/// Reads SMTP replies (RFC 5321 4.2): "250-first", "250-more", "250 last". Each line must start with
/// the same three-digit code followed by '-', ' ' or nothing; anything else is a protocol error,
/// as is a reply of more than <see cref="SmtpLimits.MaxReplyLines"/> lines. The text of a positive
/// reply is only made into strings when the caller wants it: a device reads many "250 Ok".
/// </summary>
public sealed class SmtpReplyReader
{
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static string[]? s_noLines;
    static string[] NoLines => s_noLines ?? (s_noLines = new string[0]);

    readonly LineReader _lines;
    readonly string[] _scratch = new string[SmtpLimits.MaxReplyLines];

    public SmtpReplyReader(LineReader lines)
    {
        _lines = lines;
    }

    /// <summary>Reads a reply with its text.</summary>
    public SmtpReply Read(SmtpStage stage) => Read(stage, true);

    /// <param name="keepText">False: a positive reply comes back without its text (a failure always has it).</param>
    public SmtpReply Read(SmtpStage stage, bool keepText)
    {
        SmtpCapabilities caps = SmtpCapabilities.None;
        long size = 0;
        return Read(stage, keepText, false, ref caps, ref size);
    }

    /// <summary>Reads an EHLO reply, taking the capabilities from its lines as they arrive.</summary>
    public SmtpReply ReadEhlo(SmtpStage stage, out SmtpCapabilities capabilities, out long maxSize)
    {
        capabilities = SmtpCapabilities.None;
        maxSize = 0;
        return Read(stage, false, true, ref capabilities, ref maxSize);
    }

    SmtpReply Read(SmtpStage stage, bool keepText, bool ehlo, ref SmtpCapabilities caps, ref long size)
    {
        int count = 0;
        int code = 0;
        bool keep = keepText;
        while (true)
        {
            bool got;
            try
            {
                got = _lines.ReadLine();
            }
            catch (LineTooLongException e)
            {
                throw Fail(SmtpErrorKind.Protocol, stage, "reply line longer than " + Ascii.FromInt(e.Limit) + " bytes");
            }
            if (!got)
                throw Fail(SmtpErrorKind.Transient, stage, "the server closed the connection" + (count > 0 ? " in the middle of a reply" : " without a reply"));

            byte[] b = _lines.Buffer;
            int start = _lines.LineStart, length = _lines.LineLength;
            if (length < 3 || !Ascii.TryParseInt(b, start, 3, out int lineCode) || b[start] < (byte)'2' || b[start] > (byte)'5')
                throw Fail(SmtpErrorKind.Protocol, stage, "not an SMTP reply: \"" + Ascii.Excerpt(_lines.LineText, 80) + "\"");
            if (count > 0 && lineCode != code)
                throw Fail(SmtpErrorKind.Protocol, stage, "reply lines disagree on the code: " + Ascii.FromInt(code) + " then " + Ascii.FromInt(lineCode));
            code = lineCode;
            if (code >= 400) keep = true;

            bool last;
            if (length == 3) last = true;
            else if (b[start + 3] == (byte)' ') last = true;
            else if (b[start + 3] == (byte)'-') last = false;
            else throw Fail(SmtpErrorKind.Protocol, stage, "not an SMTP reply: \"" + Ascii.Excerpt(_lines.LineText, 80) + "\"");

            if (ehlo && count > 0 && length > 4)
                SmtpCapabilityParser.Parse(b, start + 4, length - 4, ref caps, ref size);
            _scratch[count] = keep ? (length > 4 ? Utf8.Decode(b, start + 4, length - 4) : "") : "";
            count++;
            if (last)
                break;
            if (count >= SmtpLimits.MaxReplyLines)
                throw Fail(SmtpErrorKind.Protocol, stage, "reply longer than " + Ascii.FromInt(SmtpLimits.MaxReplyLines) + " lines");
        }

        if (!keep)
            return new SmtpReply(code, "", NoLines);
        var lines = new string[count];
        System.Array.Copy(_scratch, lines, count);
        System.Array.Clear(_scratch, 0, count);
        return new SmtpReply(code, EnhancedCodeOf(code, lines[0]), lines);
    }

    static SmtpException Fail(SmtpErrorKind kind, SmtpStage stage, string what) =>
        new SmtpException(kind, stage, SmtpException.StageName(stage) + ": " + what);

    /// <summary>RFC 3463 "class.subject.detail" at the start of the text, its class matching the reply code.</summary>
    static string EnhancedCodeOf(int code, string text)
    {
        if (text.Length < 5 || text[0] != (char)('0' + code / 100) || text[1] != '.') return "";
        int i = 2;
        for (int part = 0; part < 2; part++)
        {
            int digits = 0;
            while (i < text.Length && Ascii.IsDigit(text[i]) && digits < 3) { i++; digits++; }
            if (digits == 0) return "";
            if (part == 0)
            {
                if (i >= text.Length || text[i] != '.') return "";
                i++;
            }
        }
        if (i < text.Length && text[i] != ' ') return "";
        return text.Substring(0, i);
    }
}
