namespace Gateway.Core.Text;

/// <summary>
/// Ordinal ASCII helpers. Mail protocols are case-insensitive ASCII, while .NET's string compare,
/// StartsWith and ToUpper follow the current culture (Turkish 'i') and nanoFramework has no
/// char.IsDigit or StringComparison: protocol code uses these instead.
/// </summary>
public static class Ascii
{
    public static bool IsDigit(int c) => c >= '0' && c <= '9';

    public static bool IsLetter(int c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

    public static bool IsLetterOrDigit(int c) => IsLetter(c) || IsDigit(c);

    /// <summary>Space or horizontal tab: the "white space" of RFC 5322 and RFC 5321.</summary>
    public static bool IsBlank(int c) => c == ' ' || c == '\t';

    /// <summary>The value 0-15 of a hex digit, or -1.</summary>
    public static int HexValue(int c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    public static char ToUpper(char c) => c >= 'a' && c <= 'z' ? (char)(c - 32) : c;

    public static char ToLower(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

    public static string ToLower(string s)
    {
        int i = 0;
        while (i < s.Length && !(s[i] >= 'A' && s[i] <= 'Z')) i++;
        if (i == s.Length) return s;
        var chars = s.ToCharArray();
        for (; i < chars.Length; i++) chars[i] = ToLower(chars[i]);
        return new string(chars);
    }

    public static string ToUpper(string s)
    {
        int i = 0;
        while (i < s.Length && !(s[i] >= 'a' && s[i] <= 'z')) i++;
        if (i == s.Length) return s;
        var chars = s.ToCharArray();
        for (; i < chars.Length; i++) chars[i] = ToUpper(chars[i]);
        return new string(chars);
    }

    public static bool EqualsIgnoreCase(string a, string b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (ToLower(a[i]) != ToLower(b[i])) return false;
        return true;
    }

    /// <summary>Whether <paramref name="length"/> chars of a from <paramref name="aStart"/> equal those of b from <paramref name="bStart"/> (ordinal; both ranges must lie inside).</summary>
    public static bool RegionEquals(string a, int aStart, string b, int bStart, int length)
    {
        for (int i = 0; i < length; i++)
            if (a[aStart + i] != b[bStart + i]) return false;
        return true;
    }

    public static bool StartsWith(string s, string prefix)
    {
        if (prefix.Length > s.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if (s[i] != prefix[i]) return false;
        return true;
    }

    public static bool StartsWithIgnoreCase(string s, string prefix)
    {
        if (prefix.Length > s.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if (ToLower(s[i]) != ToLower(prefix[i])) return false;
        return true;
    }

    public static bool EndsWith(string s, string suffix)
    {
        int start = s.Length - suffix.Length;
        if (start < 0) return false;
        for (int i = 0; i < suffix.Length; i++)
            if (s[start + i] != suffix[i]) return false;
        return true;
    }

    /// <summary>Whether the bytes at <paramref name="offset"/> spell <paramref name="prefix"/>, ASCII case ignored.</summary>
    public static bool StartsWithIgnoreCase(byte[] b, int offset, int length, string prefix)
    {
        if (prefix.Length > length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if (ToLower((char)b[offset + i]) != ToLower(prefix[i])) return false;
        return true;
    }

    /// <summary>Ordinal search for <paramref name="value"/> in <paramref name="s"/> from <paramref name="start"/>; -1 if absent.</summary>
    public static int IndexOf(string s, string value, int start)
    {
        int last = s.Length - value.Length;
        for (int i = start; i <= last; i++)
        {
            int j = 0;
            while (j < value.Length && s[i + j] == value[j]) j++;
            if (j == value.Length) return i;
        }
        return -1;
    }

    public static bool Contains(string s, string value) => IndexOf(s, value, 0) >= 0;

    /// <summary>
    /// <paramref name="length"/> chars of <paramref name="s"/> from <paramref name="start"/>, as Substring. On
    /// nanoFramework Substring first copies the whole string to UTF-16, so a piece of a long string costs the
    /// string's size every time; this copies only the piece.
    /// </summary>
    public static string Slice(string s, int start, int length)
    {
        if (start == 0 && length == s.Length) return s;
#if NANOFRAMEWORK || NANOFRAMEWORK_1_0
        return length == 0 ? "" : new string(s.ToCharArray(start, length));
#else
        return s.Substring(start, length); // on .NET Substring copies only the piece
#endif
    }

    /// <summary>The rest of <paramref name="s"/> from <paramref name="start"/> (see <see cref="Slice"/>).</summary>
    public static string Slice(string s, int start) => Slice(s, start, s.Length - start);

    /// <summary>Removes spaces and tabs (not other Unicode white space) from both ends.</summary>
    public static string TrimBlanks(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsBlank(s[start])) start++;
        while (end > start && IsBlank(s[end - 1])) end--;
        return Slice(s, start, end - start);
    }

    /// <summary>
    /// At most <paramref name="max"/> chars of <paramref name="s"/> for an error message, anything but
    /// printable ASCII shown as '?', so a hostile value can neither break a log line nor be echoed whole.
    /// </summary>
    public static string Excerpt(string s, int max)
    {
        int n = s.Length > max ? max : s.Length;
        var c = new char[n];
        for (int i = 0; i < n; i++)
            c[i] = s[i] >= ' ' && s[i] < 0x7F ? s[i] : '?';
        return s.Length > max ? new string(c) + "..." : new string(c);
    }

    /// <summary>Parses a non-negative decimal without sign, culture or overflow surprises.</summary>
    public static bool TryParseInt(string s, int start, int length, out int value)
    {
        value = 0;
        if (length <= 0 || start < 0 || start + length > s.Length) return false;
        long v = 0;
        for (int i = start; i < start + length; i++)
        {
            char c = s[i];
            if (!IsDigit(c)) return false;
            v = v * 10 + (c - '0');
            if (v > int.MaxValue) return false;
        }
        value = (int)v;
        return true;
    }

    public static bool TryParseInt(string s, out int value) => TryParseInt(s, 0, s.Length, out value);

    /// <summary>Parses a non-negative decimal from bytes (a reply code, a message number).</summary>
    public static bool TryParseInt(byte[] b, int offset, int length, out int value)
    {
        value = 0;
        if (length <= 0) return false;
        long v = 0;
        for (int i = offset; i < offset + length; i++)
        {
            int c = b[i];
            if (!IsDigit(c)) return false;
            v = v * 10 + (c - '0');
            if (v > int.MaxValue) return false;
        }
        value = (int)v;
        return true;
    }

    /// <summary>Decimal text of <paramref name="value"/>, the same on every culture and on the device.</summary>
    public static string FromInt(long value)
    {
        if (value == 0) return "0";
        var digits = new char[20];
        int pos = digits.Length;
        bool negative = value < 0;
        ulong v = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        while (v > 0)
        {
            digits[--pos] = (char)('0' + (int)(v % 10));
            v /= 10;
        }
        if (negative) return "-" + new string(digits, pos, digits.Length - pos);
        return new string(digits, pos, digits.Length - pos);
    }
}
