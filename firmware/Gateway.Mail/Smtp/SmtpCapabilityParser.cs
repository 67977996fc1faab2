using Gateway.Core.Text;

namespace Gateway.Mail.Smtp;

/// <summary>Reads one EHLO keyword line ("SIZE 10240000", "AUTH PLAIN LOGIN") straight from the line buffer.</summary>
public static class SmtpCapabilityParser
{
    public static void Parse(byte[] b, int start, int length, ref SmtpCapabilities caps, ref long maxSize)
    {
        int end = start + length;
        if (Keyword(b, start, end, "SIZE", out int args))
        {
            caps |= SmtpCapabilities.Size;
            int digits = args;
            while (digits < end && Ascii.IsDigit(b[digits])) digits++;
            if (Ascii.TryParseInt(b, args, digits - args, out int n)) maxSize = n;
        }
        else if (Keyword(b, start, end, "PIPELINING", out _)) caps |= SmtpCapabilities.Pipelining;
        else if (Keyword(b, start, end, "8BITMIME", out _)) caps |= SmtpCapabilities.EightBitMime;
        else if (Keyword(b, start, end, "SMTPUTF8", out _)) caps |= SmtpCapabilities.SmtpUtf8;
        else if (Keyword(b, start, end, "STARTTLS", out _)) caps |= SmtpCapabilities.StartTls;
        else if (Keyword(b, start, end, "ENHANCEDSTATUSCODES", out _)) caps |= SmtpCapabilities.EnhancedStatusCodes;
        else if (Keyword(b, start, end, "CHUNKING", out _)) caps |= SmtpCapabilities.Chunking;
        else if (Keyword(b, start, end, "DSN", out _)) caps |= SmtpCapabilities.Dsn;
        else if (Keyword(b, start, end, "AUTH", out args)) caps |= Mechanisms(b, args, end);
    }

    /// <summary>True when the line starts with <paramref name="word"/> followed by the end, a blank or '=' (old "AUTH=LOGIN").</summary>
    static bool Keyword(byte[] b, int start, int end, string word, out int args)
    {
        args = start + word.Length;
        if (!Ascii.StartsWithIgnoreCase(b, start, end - start, word)) return false;
        if (args == end) return true;
        if (b[args] != (byte)' ' && b[args] != (byte)'=') return false;
        args++;
        return true;
    }

    static SmtpCapabilities Mechanisms(byte[] b, int i, int end)
    {
        var caps = SmtpCapabilities.None;
        while (i < end)
        {
            while (i < end && b[i] == (byte)' ') i++;
            int s = i;
            while (i < end && b[i] != (byte)' ') i++;
            int n = i - s;
            if (n == 0) break;
            if (n == 5 && Ascii.StartsWithIgnoreCase(b, s, n, "PLAIN")) caps |= SmtpCapabilities.AuthPlain;
            else if (n == 5 && Ascii.StartsWithIgnoreCase(b, s, n, "LOGIN")) caps |= SmtpCapabilities.AuthLogin;
            else if (n == 7 && Ascii.StartsWithIgnoreCase(b, s, n, "XOAUTH2")) caps |= SmtpCapabilities.AuthXOAuth2;
            else if (n == 8 && Ascii.StartsWithIgnoreCase(b, s, n, "CRAM-MD5")) caps |= SmtpCapabilities.AuthCramMd5;
            else caps |= SmtpCapabilities.AuthOther;
        }
        return caps;
    }
}
