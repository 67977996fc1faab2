using System.Text;

namespace Gateway.DevMail.Imap;

/// <summary>Splits an IMAP command's arguments into atoms and quoted strings (RFC 9051 4.1, 4.3; literals are not taken).</summary>
static class ImapArguments
{
    /// <summary>The arguments, or null when a quoted string is not closed or holds CR/LF, or a literal is used.</summary>
    public static List<string>? Split(string text)
    {
        var words = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ') { i++; continue; }
            if (text[i] == '{') return null;
            if (text[i] != '"')
            {
                int end = text.IndexOf(' ', i);
                if (end < 0) end = text.Length;
                words.Add(text[i..end]);
                i = end;
                continue;
            }
            var word = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length) return null;
                char c = text[i++];
                if (c == '"') break;
                if (c == '\\' && i < text.Length) c = text[i++];
                word.Append(c);
            }
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>A set of UIDs (RFC 9051 9: "5", "1,3", "2:4", "7:*") as a test; null when it is not one.</summary>
    public static Func<long, bool>? UidSet(string text, long highest)
    {
        var ranges = new List<(long From, long To)>();
        foreach (var part in text.Split(','))
        {
            var ends = part.Split(':');
            if (ends.Length > 2) return null;
            long a = Number(ends[0], highest), b = ends.Length == 2 ? Number(ends[1], highest) : a;
            if (a <= 0 || b <= 0) return null;
            ranges.Add((Math.Min(a, b), Math.Max(a, b)));
        }
        return uid => ranges.Any(r => uid >= r.From && uid <= r.To);
    }

    static long Number(string s, long highest) =>
        s == "*" ? Math.Max(highest, 1) : long.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : -1;
}
