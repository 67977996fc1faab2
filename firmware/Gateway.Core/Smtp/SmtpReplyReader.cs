using System.Collections;
using Gateway.Core.Text;

namespace Gateway.Core.Smtp;

/// <summary>
/// Reads SMTP replies (RFC 5321 4.2): "250-first", "250-more", "250 last". Each line must start with
/// the same three-digit code followed by '-', ' ' or nothing; anything else is a protocol error,
/// as is a reply of more than <see cref="SmtpLimits.MaxReplyLines"/> lines.
/// </summary>
public sealed class SmtpReplyReader
{
    readonly LineReader _lines;

    public SmtpReplyReader(LineReader lines)
    {
        _lines = lines;
    }

    /// <exception cref="SmtpException">Protocol (not SMTP, too long) or Transient (connection closed).</exception>
    public SmtpReply Read(SmtpStage stage)
    {
        var texts = new ArrayList();
        int code = 0;
        while (true)
        {
            bool got;
            try
            {
                got = _lines.ReadLine();
            }
            catch (LineTooLongException e)
            {
                throw new SmtpException(SmtpErrorKind.Protocol, stage, SmtpException.StageName(stage) + ": reply line longer than " + Ascii.FromInt(e.Limit) + " bytes", e);
            }
            if (!got)
                throw new SmtpException(SmtpErrorKind.Transient, stage, SmtpException.StageName(stage) + ": the server closed the connection" + (texts.Count > 0 ? " in the middle of a reply" : " without a reply"));

            byte[] b = _lines.Buffer;
            int start = _lines.LineStart, length = _lines.LineLength;
            if (length < 3 || !Ascii.TryParseInt(b, start, 3, out int lineCode) || b[start] < (byte)'2' || b[start] > (byte)'5')
                throw new SmtpException(SmtpErrorKind.Protocol, stage, SmtpException.StageName(stage) + ": not an SMTP reply: \"" + Printable(_lines.LineText) + "\"");
            if (texts.Count > 0 && lineCode != code)
                throw new SmtpException(SmtpErrorKind.Protocol, stage, SmtpException.StageName(stage) + ": reply lines disagree on the code: " + Ascii.FromInt(code) + " then " + Ascii.FromInt(lineCode));
            code = lineCode;

            bool last;
            if (length == 3) last = true;
            else if (b[start + 3] == (byte)' ') last = true;
            else if (b[start + 3] == (byte)'-') last = false;
            else throw new SmtpException(SmtpErrorKind.Protocol, stage, SmtpException.StageName(stage) + ": not an SMTP reply: \"" + Printable(_lines.LineText) + "\"");

            texts.Add(length > 4 ? Utf8.Decode(b, start + 4, length - 4) : "");
            if (last)
                break;
            if (texts.Count >= SmtpLimits.MaxReplyLines)
                throw new SmtpException(SmtpErrorKind.Protocol, stage, SmtpException.StageName(stage) + ": reply longer than " + Ascii.FromInt(SmtpLimits.MaxReplyLines) + " lines");
        }

        var lines = (string[])texts.ToArray(typeof(string));
        return new SmtpReply(code, EnhancedCodeOf(code, lines[0]), lines);
    }

    /// <summary>RFC 3463 "class.subject.detail" at the start of the text, its class matching the reply code.</summary>
    static string EnhancedCodeOf(int code, string text)
    {
        int i = 0;
        if (text.Length < 5 || text[0] != (char)('0' + code / 100) || text[1] != '.') return "";
        i = 2;
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

    /// <summary>At most 80 chars, control characters shown as '?', for error messages.</summary>
    internal static string Printable(string s)
    {
        var c = s.ToCharArray();
        int n = c.Length > 80 ? 80 : c.Length;
        for (int i = 0; i < n; i++)
            if (c[i] < ' ' || c[i] == 0x7F) c[i] = '?';
        return new string(c, 0, n) + (c.Length > 80 ? "..." : "");
    }
}
