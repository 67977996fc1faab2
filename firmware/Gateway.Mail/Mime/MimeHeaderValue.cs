using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Reads the parts of header values the gateway needs: the media type and parameters of a Content-Type
/// (RFC 2045 5.1; quoted or not), and the address of a From or Reply-To (RFC 5322 3.4). RFC 2231
/// parameter continuations and charsets ("boundary*0=", "charset*=") are not supported: such a
/// parameter is not found, so its default applies.
/// </summary>
public static class MimeHeaderValue
{
    /// <summary>"type/subtype" in lower case, without parameters or comments; "" when there is none.</summary>
    public static string MediaType(string value)
    {
        int end = value.IndexOf(';');
        if (end < 0) end = value.Length;
        int paren = value.IndexOf('(');
        if (paren >= 0 && paren < end) end = paren;
        return Ascii.ToLower(Ascii.TrimBlanks(value.Substring(0, end)));
    }

    /// <summary>The value of parameter <paramref name="name"/> (case ignored), unquoted; null when absent.</summary>
    public static string? Parameter(string value, string name)
    {
        int i = value.IndexOf(';');
        while (i >= 0 && i < value.Length)
        {
            i++; // past ';'
            while (i < value.Length && (Ascii.IsBlank(value[i]) || value[i] == '\r' || value[i] == '\n')) i++;
            int nameStart = i;
            while (i < value.Length && value[i] != '=' && value[i] != ';') i++;
            if (i >= value.Length || value[i] == ';') continue; // a parameter without '=': skipped
            bool match = Ascii.EqualsIgnoreCase(Ascii.TrimBlanks(value.Substring(nameStart, i - nameStart)), name);
            i++; // past '='
            while (i < value.Length && Ascii.IsBlank(value[i])) i++;
            if (i < value.Length && value[i] == '"')
            {
                var chars = new char[value.Length - i];
                int n = 0;
                i++;
                while (i < value.Length && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < value.Length) i++; // quoted-pair
                    chars[n++] = value[i++];
                }
                if (match) return new string(chars, 0, n);
                while (i < value.Length && value[i] != ';') i++;
                continue;
            }
            int valueStart = i;
            while (i < value.Length && value[i] != ';') i++;
            if (match) return Ascii.TrimBlanks(value.Substring(valueStart, i - valueStart));
        }
        return null;
    }

    /// <summary>
    /// The first address in a From, Reply-To or similar value: the part in angle brackets when there is one
    /// ("Ann" &lt;ann@example.org&gt;), else the value without comments (ann@example.org (Ann)); "" when empty.
    /// Quoted display names may hold '&lt;', ',' and '(' without confusing it.
    /// </summary>
    public static string Address(string value)
    {
        var plain = new char[value.Length];
        int n = 0;
        int depth = 0;
        bool quoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < value.Length) { plain[n++] = c; c = value[++i]; }
                else if (c == '"') quoted = false;
                plain[n++] = c;
                continue;
            }
            if (depth > 0)
            {
                if (c == '\\') i++;
                else if (c == '(') depth++;
                else if (c == ')') depth--;
                continue;
            }
            if (c == '(') { depth++; continue; }
            if (c == '"') { quoted = true; plain[n++] = c; continue; }
            if (c == '<')
            {
                int close = value.IndexOf('>', i + 1);
                if (close < 0) close = value.Length;
                return Ascii.TrimBlanks(value.Substring(i + 1, close - i - 1));
            }
            if (c == ',') break; // a list: the first one only
            plain[n++] = c;
        }
        return Ascii.TrimBlanks(new string(plain, 0, n));
    }
}
