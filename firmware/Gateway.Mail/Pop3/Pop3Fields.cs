using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>
/// The space-separated fields of POP3 answers (RFC 1939 5, 7): "count size" after STAT, "n octets" of
/// LIST, "n unique-id" of UIDL, and the words of a CAPA line. Each parser returns null for a line
/// that does not fit; the client turns that into its Protocol error.
/// </summary>
public static class Pop3Fields
{
    /// <summary>"count size" (RFC 1939 5).</summary>
    public static Pop3Stat? ParseStat(string text)
    {
        int pos = 0;
        string? count = Token(text, ref pos), size = Token(text, ref pos);
        if (count == null || size == null || !Ascii.TryParseInt(count, out int n) || !TryParseLong(size, out long octets))
            return null;
        return new Pop3Stat(n, octets);
    }

    /// <summary>"n unique-id" (RFC 1939 7): a unique-id is 1 to 70 characters in 0x21-0x7E.</summary>
    public static Pop3UidEntry? ParseUidEntry(string text)
    {
        int pos = 0;
        string? number = Token(text, ref pos), uid = Token(text, ref pos);
        if (number == null || uid == null || !Ascii.TryParseInt(number, out int n) || n < 1 || uid.Length > Pop3Limits.MaxUidLength)
            return null;
        for (int i = 0; i < uid.Length; i++)
            if (uid[i] < 0x21 || uid[i] > 0x7E)
                return null;
        return new Pop3UidEntry(n, uid);
    }

    /// <summary>"n octets" (RFC 1939 5); anything after is ignored, as the RFC allows.</summary>
    public static Pop3ListEntry? ParseListEntry(string text)
    {
        int pos = 0;
        string? number = Token(text, ref pos), size = Token(text, ref pos);
        if (number == null || size == null || !Ascii.TryParseInt(number, out int n) || n < 1 || !TryParseLong(size, out long octets))
            return null;
        return new Pop3ListEntry(n, octets);
    }

    /// <summary>The next space-separated word of <paramref name="s"/> from <paramref name="pos"/>, or null.</summary>
    public static string? Token(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ') pos++;
        if (pos >= s.Length) return null;
        int start = pos;
        while (pos < s.Length && s[pos] != ' ') pos++;
        return s.Substring(start, pos - start);
    }

    /// <summary>A non-negative decimal up to long.MaxValue (a maildrop can pass 2 GB).</summary>
    public static bool TryParseLong(string s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 18) return false;
        for (int i = 0; i < s.Length; i++)
        {
            if (!Ascii.IsDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
