using System;
using Gateway.Core.Crypto;
using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>APOP (RFC 1939 section 7): the greeting's timestamp and the digest that proves the secret without sending it.</summary>
public static class Apop
{
    /// <summary>The longest timestamp taken from a greeting (msg-id syntax, RFC 5322 3.6.4, is short in practice).</summary>
    public const int MaxTimestamp = 200;

    /// <summary>
    /// The timestamp in a greeting, angle brackets included ("&lt;1896.697170952@dbc.mtview.ca.us&gt;"),
    /// or null when there is none: the first "&lt;...&gt;" that holds an '@' and only printable ASCII.
    /// </summary>
    public static string? FindTimestamp(string greeting)
    {
        int open = greeting.IndexOf('<');
        if (open < 0) return null;
        int close = greeting.IndexOf('>', open + 1);
        if (close < 0 || close - open + 1 > MaxTimestamp) return null;
        bool at = false;
        for (int i = open + 1; i < close; i++)
        {
            char c = greeting[i];
            if (c <= ' ' || c >= 0x7F || c == '<') return null;
            if (c == '@') at = true;
        }
        return at ? greeting.Substring(open, close - open + 1) : null;
    }

    /// <summary>MD5 of the timestamp followed by the shared secret, as 32 lower-case hex digits.</summary>
    public static string Digest(string timestamp, string secret)
    {
        var input = Utf8.GetBytes(timestamp + secret);
        try
        {
            return Md5.ToHex(Md5.Hash(input, 0, input.Length));
        }
        finally
        {
            Array.Clear(input, 0, input.Length); // the secret leaves no copy behind in this buffer
        }
    }
}
