using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// Culture-free readers for configuration values. Each says what is wrong without repeating the
/// value, so the caller decides whether the value may be shown (never for a secret).
/// </summary>
public static class ConfigValues
{
    public const int MaxIdentifierLength = 64;
    public const int MaxHostLength = 253; // RFC 1035: a domain name's text form

    const int MsPerSecond = 1000;
    const int MsPerMinute = 60 * MsPerSecond;
    const int MsPerHour = 60 * MsPerMinute;

    /// <summary>
    /// Reads a duration: a whole number and a unit, ms, s, m or h (500ms, 30s, 5m, 1h; blanks between
    /// number and unit allowed, unit case ignored). A bare number is refused: seconds or milliseconds
    /// would be a guess. Returns null, or why it is not a duration.
    /// </summary>
    public static string? ParseDurationMs(string s, out int ms) => ParseDurationMs(s, 0, s.Length, out ms);

    /// <summary>Reads a duration from s[start, start + length) in place (see <see cref="ParseDurationMs(string, out int)"/>).</summary>
    public static string? ParseDurationMs(string s, int start, int length, out int ms)
    {
        ms = 0;
        int end = start + length, i = start;
        while (i < end && Ascii.IsDigit(s[i])) i++;
        if (i == start)
            return length > 0 && s[start] == '-' ? "is negative" : "is not a duration (a whole number and ms, s, m or h, e.g. 30s)";
        if (!Ascii.TryParseInt(s, start, i - start, out int n)) return "is too long";
        while (i < end && Ascii.IsBlank(s[i])) i++;
        while (end > i && Ascii.IsBlank(s[end - 1])) end--;
        long factor;
        if (IsUnit(s, i, end, "ms")) factor = 1;
        else if (IsUnit(s, i, end, "s")) factor = MsPerSecond;
        else if (IsUnit(s, i, end, "m")) factor = MsPerMinute;
        else if (IsUnit(s, i, end, "h")) factor = MsPerHour;
        else if (i == end) return "has no unit (ms, s, m or h, e.g. 30s)";
        else return "is not a duration (a whole number and ms, s, m or h, e.g. 30s)";
        long total = n * factor;
        if (total > int.MaxValue) return "is too long";
        ms = (int)total;
        return null;
    }

    static bool IsUnit(string s, int start, int end, string unit)
    {
        if (end - start != unit.Length) return false;
        for (int i = 0; i < unit.Length; i++)
            if (Ascii.ToLower(s[start + i]) != unit[i]) return false;
        return true;
    }

    /// <summary>The shortest exact text for a duration: 3600000 gives "1h", 1500 gives "1500ms".</summary>
    public static string FormatDuration(int ms)
    {
        if (ms != 0 && ms % MsPerHour == 0) return Ascii.FromInt(ms / MsPerHour) + "h";
        if (ms != 0 && ms % MsPerMinute == 0) return Ascii.FromInt(ms / MsPerMinute) + "m";
        if (ms != 0 && ms % MsPerSecond == 0) return Ascii.FromInt(ms / MsPerSecond) + "s";
        return Ascii.FromInt(ms) + "ms";
    }

    /// <summary>
    /// Reads a decimal number the same way on every culture: an optional '-', digits, and optionally
    /// '.' and more digits (at most 15 significant digits). No exponent, no grouping.
    /// </summary>
    public static bool TryParseNumber(string s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative) i++;
        long whole = 0, frac = 0, scale = 1;
        int digits = 0, start = i;
        while (i < s.Length && Ascii.IsDigit(s[i]))
        {
            whole = whole * 10 + (s[i] - '0');
            if (++digits > 15) return false;
            i++;
        }
        if (i == start) return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int fracStart = i;
            while (i < s.Length && Ascii.IsDigit(s[i]))
            {
                frac = frac * 10 + (s[i] - '0');
                scale *= 10;
                if (++digits > 15) return false;
                i++;
            }
            if (i == fracStart) return false;
        }
        if (i != s.Length) return false;
        value = whole + (double)frac / scale;
        if (negative) value = -value;
        return true;
    }

    /// <summary>true or false, ASCII case ignored.</summary>
    public static bool TryParseBool(string s, out bool value)
    {
        value = Ascii.EqualsIgnoreCase(s, "true");
        return value || Ascii.EqualsIgnoreCase(s, "false");
    }

    /// <summary>none, starttls or implicit, ASCII case ignored.</summary>
    public static bool TryParseTls(string s, out TlsMode mode)
    {
        mode = TlsMode.StartTls;
        if (Ascii.EqualsIgnoreCase(s, "starttls")) return true;
        mode = TlsMode.Implicit;
        if (Ascii.EqualsIgnoreCase(s, "implicit")) return true;
        mode = TlsMode.None;
        return Ascii.EqualsIgnoreCase(s, "none");
    }

    /// <summary>device or operator, ASCII case ignored.</summary>
    public static bool TryParseRole(string s, out ConfigRole role)
    {
        role = ConfigRole.Operator;
        if (Ascii.EqualsIgnoreCase(s, "operator")) return true;
        role = ConfigRole.Device;
        return Ascii.EqualsIgnoreCase(s, "device");
    }

    /// <summary>The configuration spelling of a TLS mode.</summary>
    public static string FormatTls(TlsMode mode) =>
        mode == TlsMode.None ? "none" : mode == TlsMode.Implicit ? "implicit" : "starttls";

    /// <summary>
    /// A minimal mail address check: exactly one '@' with text on both sides, and no blank, control
    /// character, '&lt;' or '&gt;' (which would let a value break out of an SMTP command or a header).
    /// </summary>
    public static bool IsAddress(string s) => IsAddress(s, 0, s.Length);

    /// <summary>Whether s[start, end) is a mail address (see <see cref="IsAddress(string)"/>), read in place.</summary>
    public static bool IsAddress(string s, int start, int end)
    {
        int at = -1;
        for (int i = start; i < end; i++)
        {
            char c = s[i];
            if (c <= ' ' || c == 0x7F || c == '<' || c == '>') return false;
            if (c == '@')
            {
                if (at >= 0) return false;
                at = i;
            }
        }
        return at > start && at < end - 1;
    }

    /// <summary>A host name or IP literal: letters, digits, '.', '-', '_' and ':' (IPv6), at most 253 chars.</summary>
    public static bool IsHost(string s)
    {
        if (s.Length == 0 || s.Length > MaxHostLength) return false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (!(Ascii.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':')) return false;
        }
        return true;
    }

    /// <summary>Letters, digits, '.', '-' and '_', 1 to 64 chars.</summary>
    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || s.Length > MaxIdentifierLength) return false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (!(Ascii.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) return false;
        }
        return true;
    }

    /// <summary>Splits at commas and trims each item; empty items are kept (as "") so they can be reported.</summary>
    public static string[] SplitList(string s)
    {
        // One item, the usual case, is the value itself: Split would copy it (to UTF-16 and back on the device).
        if (s.IndexOf(',') < 0) return new string[] { Ascii.TrimBlanks(s) };
        var parts = s.Split(',');
        for (int i = 0; i < parts.Length; i++)
            parts[i] = Ascii.TrimBlanks(parts[i]);
        return parts;
    }

    /// <summary>True when the text has a control character other than tab (CR and LF included).</summary>
    public static bool HasControl(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if ((c < ' ' && c != '\t') || c == 0x7F) return true;
        }
        return false;
    }
}
