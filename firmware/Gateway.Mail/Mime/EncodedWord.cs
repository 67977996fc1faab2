using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// RFC 2047 encoded words ("=?utf-8?B?...?="): the only way to put non-ASCII or control characters in
/// a header. The encoder writes UTF-8 words of at most 75 characters, each holding whole characters,
/// folded onto continuation lines; the decoder reads utf-8, us-ascii, iso-8859-1 and windows-1252 words
/// and leaves anything it cannot decode as it stands.
/// </summary>
public static class EncodedWord
{
    /// <summary>RFC 2047 section 2: an encoded word is at most 75 characters.</summary>
    public const int MaxWordLength = 75;

    /// <summary>RFC 5322 2.1.1: header lines should be at most 78 characters.</summary>
    const int LineLength = 78;

    const int Overhead = 12; // "=?utf-8?B?" and "?="
    const string Base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const string HexDigits = "0123456789ABCDEF";

    /// <summary>
    /// Whether a header's text must be sent encoded: it has non-ASCII or control characters (a CR or LF
    /// written as it is would start a new header), or "=?", which a reader would take for an encoded word.
    /// </summary>
    public static bool NeedsEncoding(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < ' ' || c >= 0x7F) return true;
            if (c == '=' && i + 1 < text.Length && text[i + 1] == '?') return true;
        }
        return false;
    }

    /// <summary>
    /// Appends <paramref name="text"/> as encoded words (B or Q, whichever is shorter), separated by
    /// folds (CRLF SP) so that no line exceeds 78 characters. <paramref name="column"/> is the length of
    /// the line so far; returns it after the last word. Readers drop the folds between encoded words
    /// (RFC 2047 6.2), so the text decodes exactly as given. Empty text writes nothing.
    /// </summary>
    public static int Encode(string text, int column, ByteBuilder output)
    {
        bool base64 = Base64Length(text) < QLength(text);
        var scalar = new byte[4];
        var chunk = new byte[MaxWordLength]; // one word's bytes; never more than its encoded length
        int i = 0;
        while (i < text.Length)
        {
            int room = LineLength - column;
            if (room > MaxWordLength) room = MaxWordLength;
            room -= Overhead;
            if (room < 12 && column > 1) // not even one 4-byte character fits: continue on a new line
            {
                Fold(output);
                column = 1;
                continue;
            }

            // Take whole characters while their encoding fits the word.
            int n = 0, width = 0;
            while (i < text.Length)
            {
                int used = NextScalar(text, i, out int cp);
                int len = Utf8.Put(cp, scalar, 0);
                int w = base64 ? (n + len + 2) / 3 * 4 : width + QWidth(scalar, len);
                if (w > room && n > 0) break;
                Array.Copy(scalar, 0, chunk, n, len);
                n += len;
                width = w;
                i += used;
            }

            output.AppendAscii(base64 ? "=?utf-8?B?" : "=?utf-8?Q?");
            if (base64) AppendBase64(chunk, n, output);
            else AppendQ(chunk, n, output);
            output.AppendAscii("?=");
            column += Overhead + width;
            if (i < text.Length)
            {
                Fold(output);
                column = 1;
            }
        }
        return column;
    }

    /// <summary>
    /// Decodes the encoded words in a header value (RFC 2047): whitespace between two adjacent encoded
    /// words is dropped (6.2), their bytes are joined before decoding (so a character split across
    /// words survives), and folds are removed. A word with an unknown charset or bad encoding is kept as is.
    /// </summary>
    public static string Decode(string value)
    {
        // Nothing decodes to more chars than its source: one char array of the input's length suffices.
        var chars = new char[value.Length];
        var bytes = new byte[value.Length];
        int n = 0, byteCount = 0;
        string? charset = null; // of the bytes pending in 'bytes'
        bool afterWord = false;
        int i = 0;
        while (i < value.Length)
        {
            char c = value[i];
            if (c == '\r' || c == '\n')
            {
                i++; // unfold
                continue;
            }
            if (afterWord && Ascii.IsBlank(c))
            {
                int j = i;
                while (j < value.Length && (Ascii.IsBlank(value[j]) || value[j] == '\r' || value[j] == '\n')) j++;
                if (TryParse(value, j, bytes, byteCount, out _, out _, out _))
                {
                    i = j; // only whitespace between two encoded words: dropped
                    continue;
                }
                afterWord = false;
            }
            if (c == '=' && TryParse(value, i, bytes, byteCount, out int end, out string cs, out int decoded))
            {
                if (charset != null && !Ascii.EqualsIgnoreCase(charset, cs))
                {
                    // Another charset: decode what is pending, then move the new word's bytes to the front.
                    n = AppendDecoded(charset, bytes, 0, byteCount, chars, n);
                    Array.Copy(bytes, byteCount, bytes, 0, decoded);
                    byteCount = 0;
                }
                charset = cs;
                byteCount += decoded;
                afterWord = true;
                i = end;
                continue;
            }
            if (charset != null)
            {
                n = AppendDecoded(charset, bytes, 0, byteCount, chars, n);
                byteCount = 0;
                charset = null;
            }
            afterWord = false;
            chars[n++] = c;
            i++;
        }
        if (charset != null)
            n = AppendDecoded(charset, bytes, 0, byteCount, chars, n);
        return new string(chars, 0, n);
    }

    /// <summary>
    /// Parses "=?charset?B|Q?text?=" at <paramref name="start"/> and, when its charset is known and its
    /// text decodes, writes the bytes to <paramref name="dest"/> at <paramref name="destOffset"/>.
    /// </summary>
    static bool TryParse(string s, int start, byte[] dest, int destOffset, out int end, out string charset, out int decoded)
    {
        end = 0;
        charset = "";
        decoded = 0;
        if (start + 8 > s.Length || s[start] != '=' || s[start + 1] != '?') return false;
        int csStart = start + 2;
        int q1 = IndexOfQuestion(s, csStart);
        if (q1 < 0 || q1 + 3 >= s.Length || s[q1 + 2] != '?') return false;
        char enc = Ascii.ToUpper(s[q1 + 1]);
        if (enc != 'B' && enc != 'Q') return false;
        int textStart = q1 + 3;
        int q2 = IndexOfQuestion(s, textStart);
        if (q2 < 0 || q2 + 1 >= s.Length || s[q2 + 1] != '=') return false;
        for (int k = csStart; k < q2; k++)
            if (s[k] <= ' ' || s[k] >= 0x7F) return false; // an encoded word has no white space (section 5)

        int csEnd = q1;
        int star = s.IndexOf('*', csStart);
        if (star >= 0 && star < q1) csEnd = star; // RFC 2231 language suffix: "utf-8*en"
        charset = s.Substring(csStart, csEnd - csStart);
        if (!IsKnownCharset(charset)) return false;

        decoded = enc == 'B'
            ? DecodeBase64(s, textStart, q2, dest, destOffset)
            : DecodeQ(s, textStart, q2, dest, destOffset);
        if (decoded < 0) return false;
        end = q2 + 2;
        return true;
    }

    static int IndexOfQuestion(string s, int from)
    {
        for (int k = from; k < s.Length; k++)
            if (s[k] == '?') return k;
        return -1;
    }

    static bool IsKnownCharset(string cs) => Charset.Parse(cs) != CharsetKind.Unknown;

    static int AppendDecoded(string charset, byte[] b, int offset, int count, char[] chars, int n)
    {
        var kind = Charset.Parse(charset);
        if (kind == CharsetKind.Utf8)
        {
            var s = Utf8.Decode(b, offset, count);
            for (int k = 0; k < s.Length; k++) chars[n++] = s[k];
            return n;
        }
        for (int k = offset; k < offset + count; k++)
            chars[n++] = Charset.FromSingleByte(kind, b[k]);
        return n;
    }

    /// <summary>Decodes base64 text (padding optional); -1 when it is not base64.</summary>
    static int DecodeBase64(string s, int start, int end, byte[] dest, int o)
    {
        int first = o, acc = 0, bits = 0;
        for (int k = start; k < end; k++)
        {
            char c = s[k];
            if (c == '=')
            {
                for (int p = k; p < end; p++)
                    if (s[p] != '=') return -1;
                break;
            }
            int v = Base64Digits.IndexOf(c);
            if (v < 0) return -1;
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                dest[o++] = (byte)(acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return o - first;
    }

    /// <summary>Decodes the Q encoding (RFC 2047 4.2): '_' is a space, =XX a byte, a stray '=' kept.</summary>
    static int DecodeQ(string s, int start, int end, byte[] dest, int o)
    {
        int first = o;
        for (int k = start; k < end; k++)
        {
            char c = s[k];
            if (c == '_')
            {
                dest[o++] = (byte)' ';
            }
            else if (c == '=' && k + 2 < end && Ascii.HexValue(s[k + 1]) >= 0 && Ascii.HexValue(s[k + 2]) >= 0)
            {
                dest[o++] = (byte)((Ascii.HexValue(s[k + 1]) << 4) | Ascii.HexValue(s[k + 2]));
                k += 2;
            }
            else
            {
                dest[o++] = (byte)c;
            }
        }
        return o - first;
    }

    static void Fold(ByteBuilder output)
    {
        output.Append((byte)'\r');
        output.Append((byte)'\n');
        output.Append((byte)' ');
    }

    /// <summary>The next scalar value at <paramref name="i"/> (a lone surrogate as U+FFFD); returns the chars used.</summary>
    static int NextScalar(string s, int i, out int cp)
    {
        char c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && Utf8.CharAt(s, i + 1) >= 0xDC00 && Utf8.CharAt(s, i + 1) <= 0xDFFF)
        {
            cp = 0x10000 + ((c - 0xD800) << 10) + (Utf8.CharAt(s, i + 1) - 0xDC00);
            return 2;
        }
        cp = c >= 0xD800 && c <= 0xDFFF ? Utf8.Replacement : c;
        return 1;
    }

    // Q may show only letters, digits and "!*+-/" literally wherever the word stands (RFC 2047 5 (3)).
    static bool IsQLiteral(int b) => Ascii.IsLetterOrDigit(b) || b == '!' || b == '*' || b == '+' || b == '-' || b == '/';

    static int QWidth(byte[] b, int count)
    {
        int w = 0;
        for (int k = 0; k < count; k++)
            w += IsQLiteral(b[k]) || b[k] == ' ' ? 1 : 3;
        return w;
    }

    static int QLength(string text)
    {
        var scalar = new byte[4];
        int w = 0;
        for (int i = 0; i < text.Length;)
        {
            i += NextScalar(text, i, out int cp);
            w += QWidth(scalar, Utf8.Put(cp, scalar, 0));
        }
        return w;
    }

    static int Base64Length(string text) => (Utf8.GetByteCount(text) + 2) / 3 * 4;

    static void AppendQ(byte[] b, int count, ByteBuilder output)
    {
        for (int k = 0; k < count; k++)
        {
            int v = b[k];
            if (IsQLiteral(v))
            {
                output.Append((byte)v);
            }
            else if (v == ' ')
            {
                output.Append((byte)'_');
            }
            else
            {
                output.Append((byte)'=');
                output.Append((byte)HexDigits[v >> 4]);
                output.Append((byte)HexDigits[v & 0xF]);
            }
        }
    }

    static void AppendBase64(byte[] b, int count, ByteBuilder output)
    {
        for (int k = 0; k < count; k += 3)
        {
            int left = count - k;
            int v = b[k] << 16 | (left > 1 ? b[k + 1] << 8 : 0) | (left > 2 ? b[k + 2] : 0);
            output.Append((byte)Base64Digits[v >> 18]);
            output.Append((byte)Base64Digits[(v >> 12) & 0x3F]);
            output.Append(left > 1 ? (byte)Base64Digits[(v >> 6) & 0x3F] : (byte)'=');
            output.Append(left > 2 ? (byte)Base64Digits[v & 0x3F] : (byte)'=');
        }
    }
}
