using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>
/// A POP3 status line (RFC 1939 section 3): "+OK text" or "-ERR text", with the extended response
/// code of RFC 2449 section 8 parsed when the text starts with one ("-ERR [SYS/TEMP] try later").
/// </summary>
public sealed class Pop3Response
{
    /// <summary>A response code longer than this is not one (RFC 2449 codes are short words).</summary>
    const int MaxCodeLength = 64;

    public Pop3Response(bool ok, string text)
    {
        IsOk = ok;
        Text = text;
        Code = CodeOf(text);
        CodeKind = KindOf(Code);
    }

    public bool IsOk { get; }

    /// <summary>Everything after "+OK " or "-ERR ", a response code included.</summary>
    public string Text { get; }

    /// <summary>The code between the brackets ("SYS/TEMP", "AUTH"), or "".</summary>
    public string Code { get; }

    public Pop3ResponseCode CodeKind { get; }

    /// <summary>An -ERR that says waiting may help (RFC 2449 8.1, RFC 3206 4).</summary>
    public bool IsTemporary =>
        !IsOk && (CodeKind == Pop3ResponseCode.InUse || CodeKind == Pop3ResponseCode.LoginDelay || CodeKind == Pop3ResponseCode.SysTemp);

    /// <summary>As the server said it, at most 200 printable chars.</summary>
    public override string ToString() => (IsOk ? "+OK" : "-ERR") + (Text.Length == 0 ? "" : " " + Ascii.Excerpt(Text, 200));

    /// <summary>Parses a status line; null when it is neither +OK nor -ERR.</summary>
    public static Pop3Response? Parse(byte[] b, int start, int length)
    {
        int skip;
        bool ok;
        if (Ascii.StartsWithIgnoreCase(b, start, length, "+OK"))
        {
            ok = true;
            skip = 3;
        }
        else if (Ascii.StartsWithIgnoreCase(b, start, length, "-ERR"))
        {
            ok = false;
            skip = 4;
        }
        else
        {
            return null;
        }
        if (length > skip && b[start + skip] != (byte)' ')
            return null; // "+OKAY" is not a status
        while (skip < length && b[start + skip] == (byte)' ')
            skip++;
        return new Pop3Response(ok, Utf8.Decode(b, start + skip, length - skip));
    }

    /// <summary>RFC 2449 8: "[" resp-level *("/" resp-level) "]" at the start of the text, resp-level = 1*rchar.</summary>
    static string CodeOf(string text)
    {
        if (text.Length < 3 || text[0] != '[')
            return "";
        for (int i = 1; i < text.Length && i <= MaxCodeLength; i++)
        {
            char c = text[i];
            if (c == ']')
                return i > 1 && text[i - 1] != '/' ? text.Substring(1, i - 1) : "";
            bool rchar = c > ' ' && c < 0x7F && c != '[';
            if (!rchar || (c == '/' && (i == 1 || text[i - 1] == '/')))
                return "";
        }
        return "";
    }

    static Pop3ResponseCode KindOf(string code)
    {
        if (code.Length == 0) return Pop3ResponseCode.None;
        // A code may be refined by sub-levels ("SYS/TEMP/DISK"): match on the leading levels.
        if (Is(code, "IN-USE")) return Pop3ResponseCode.InUse;
        if (Is(code, "LOGIN-DELAY")) return Pop3ResponseCode.LoginDelay;
        if (Is(code, "SYS/TEMP")) return Pop3ResponseCode.SysTemp;
        if (Is(code, "SYS/PERM")) return Pop3ResponseCode.SysPerm;
        if (Is(code, "AUTH")) return Pop3ResponseCode.Auth;
        return Pop3ResponseCode.Other;
    }

    static bool Is(string code, string known) =>
        Ascii.StartsWithIgnoreCase(code, known) && (code.Length == known.Length || code[known.Length] == '/');
}
