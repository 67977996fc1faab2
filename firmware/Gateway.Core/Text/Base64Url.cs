using System;

namespace Gateway.Core.Text;

/// <summary>Base64url without padding (RFC 4648, section 5): safe in a mail line, a file name or a URL.</summary>
public static class Base64Url
{
    public static string Encode(byte[] data)
    {
        string b64 = Base64.Encode(data);
        var c = b64.ToCharArray();
        int n = c.Length;
        while (n > 0 && c[n - 1] == '=') n--;
        for (int i = 0; i < n; i++)
        {
            if (c[i] == '+') c[i] = '-';
            else if (c[i] == '/') c[i] = '_';
        }
        return new string(c, 0, n);
    }

    /// <summary>The bytes, or null when <paramref name="s"/> is not canonical unpadded base64url.</summary>
    public static byte[]? Decode(string s)
    {
        if (s.Length % 4 == 1) return null;
        var c = new char[(s.Length + 3) / 4 * 4];
        for (int i = 0; i < c.Length; i++)
        {
            if (i >= s.Length) { c[i] = '='; continue; }
            char ch = s[i];
            if (ch == '-') c[i] = '+';
            else if (ch == '_') c[i] = '/';
            else if (Ascii.IsLetterOrDigit(ch)) c[i] = ch;
            else return null;
        }
        byte[] data;
        try
        {
            data = Convert.FromBase64String(new string(c));
        }
        catch (FormatException)
        {
            return null;
        }
        // Refuse non-canonical spellings (unused low bits set), so one value has one text.
        return Encode(data) == s ? data : null;
    }
}
