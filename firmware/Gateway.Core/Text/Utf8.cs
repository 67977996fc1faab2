namespace Gateway.Core.Text;

/// <summary>
/// UTF-8 without System.Text (nanoFramework's mscorlib has no Encoding). Behaves as .NET's
/// Encoding.UTF8: a lone surrogate encodes as U+FFFD, and each maximal ill-formed subsequence
/// decodes as one U+FFFD (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts").
/// </summary>
public static class Utf8
{
    public const char Replacement = '\uFFFD';

    /// <summary>Bytes needed to encode <paramref name="count"/> chars of <paramref name="s"/> from <paramref name="start"/>.</summary>
    public static int GetByteCount(string s, int start, int count)
    {
        int end = start + count;
        for (int i = start; i < end; i++)
        {
            char c = s[i];
            if (c >= 0xD800 && c <= 0xDFFF)
                return GetByteCount(s.ToCharArray(), start, count); // see CharAt: surrogates only through an array
        }
        int n = 0;
        for (int i = start; i < end; i++)
            n += ByteCount(s[i]);
        return n;
    }

    public static int GetByteCount(string s) => GetByteCount(s, 0, s.Length);

    public static int GetByteCount(char[] s, int start, int count)
    {
        int n = 0;
        int end = start + count;
        for (int i = start; i < end; i++)
            n += ByteCount(ScalarAt(s, ref i, end));
        return n;
    }

    /// <summary>Encodes chars of <paramref name="s"/> into <paramref name="dest"/>; returns the bytes written.</summary>
    /// <exception cref="System.ArgumentException">The destination is too small.</exception>
    public static int Encode(string s, int start, int count, byte[] dest, int offset)
    {
        int o = offset;
        int end = start + count;
        for (int i = start; i < end; i++)
        {
            char c = s[i];
            if (c >= 0xD800 && c <= 0xDFFF)
                return o - offset + Encode(s.ToCharArray(), i, end - i, dest, o); // see CharAt
            o = Put(c, dest, o);
        }
        return o - offset;
    }

    public static int Encode(char[] s, int start, int count, byte[] dest, int offset)
    {
        int o = offset;
        int end = start + count;
        for (int i = start; i < end; i++)
            o = Put(ScalarAt(s, ref i, end), dest, o);
        return o - offset;
    }

    /// <summary>
    /// The scalar value at <paramref name="i"/>: a surrogate pair read as one (<paramref name="i"/> then
    /// stands on its low half), a lone surrogate as <see cref="Replacement"/>.
    /// </summary>
    public static int ScalarAt(char[] s, ref int i, int end)
    {
        int cp = s[i];
        if (IsHighSurrogate((char)cp) && i + 1 < end && IsLowSurrogate(s[i + 1]))
            return 0x10000 + ((cp - 0xD800) << 10) + (s[++i] - 0xDC00);
        return cp >= 0xD800 && cp <= 0xDFFF ? Replacement : cp;
    }

    public static byte[] GetBytes(string s)
    {
        var b = new byte[GetByteCount(s)];
        Encode(s, 0, s.Length, b, 0);
        return b;
    }

    /// <summary>The bytes of one scalar value's UTF-8.</summary>
    public static int ByteCount(int cp) => cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

    /// <summary>Writes one scalar value; returns the offset after it.</summary>
    public static int Put(int cp, byte[] dest, int o)
    {
        int need = ByteCount(cp);
        if (o + need > dest.Length)
            throw new System.ArgumentException("UTF-8 destination buffer is too small");
        switch (need)
        {
            case 1:
                dest[o] = (byte)cp;
                break;
            case 2:
                dest[o] = (byte)(0xC0 | (cp >> 6));
                dest[o + 1] = (byte)(0x80 | (cp & 0x3F));
                break;
            case 3:
                dest[o] = (byte)(0xE0 | (cp >> 12));
                dest[o + 1] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                dest[o + 2] = (byte)(0x80 | (cp & 0x3F));
                break;
            default:
                dest[o] = (byte)(0xF0 | (cp >> 18));
                dest[o + 1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                dest[o + 2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                dest[o + 3] = (byte)(0x80 | (cp & 0x3F));
                break;
        }
        return o + need;
    }

    /// <summary>Decodes bytes to a string, replacing each ill-formed subsequence with U+FFFD.</summary>
    public static string Decode(byte[] b, int offset, int count)
    {
        if (count == 0) return string.Empty;
        // Never more UTF-16 units than bytes: 4-byte sequences give 2 units, replacements 1 per >=1 byte.
        var chars = new char[count];
        return new string(chars, 0, Decode(b, offset, count, chars));
    }

    /// <summary>Decodes bytes into <paramref name="dest"/> (at least <paramref name="count"/> long), as <see cref="Decode(byte[], int, int)"/>; returns the UTF-16 units written.</summary>
    public static int Decode(byte[] b, int offset, int count, char[] dest)
    {
        int n = 0;
        int i = offset;
        int end = offset + count;
        while (i < end)
        {
            int consumed = DecodeScalar(b, i, end - i, out int cp);
            i += consumed;
            if (cp < 0x10000)
            {
                dest[n++] = (char)cp;
            }
            else
            {
                cp -= 0x10000;
                dest[n++] = (char)(0xD800 + (cp >> 10));
                dest[n++] = (char)(0xDC00 + (cp & 0x3FF));
            }
        }
        return n;
    }

    public static string Decode(byte[] b) => Decode(b, 0, b.Length);

    /// <summary>True when the bytes are well-formed UTF-8.</summary>
    public static bool IsValid(byte[] b, int offset, int count)
    {
        int i = offset, end = offset + count;
        while (i < end)
        {
            int used = DecodeScalar(b, i, end - i, out int cp);
            if (cp == Replacement && !(used == 3 && b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] == 0xBD))
                return false;
            i += used;
        }
        return true;
    }

    /// <summary>
    /// What a byte of 0x80 or more announces as the start of a sequence: how many continuation bytes
    /// follow (0 when it cannot start one: 80..C1, F5..FF), the bits it carries, and the range the next
    /// byte must fall in (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    /// </summary>
    public static int Lead(int b0, out int value, out int secondLo, out int secondHi)
    {
        secondLo = 0x80;
        secondHi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            value = b0 & 0x1F;
            return 1;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            value = b0 & 0x0F;
            if (b0 == 0xE0) secondLo = 0xA0;      // no overlong 3-byte forms
            else if (b0 == 0xED) secondHi = 0x9F; // no surrogates
            return 2;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            value = b0 & 0x07;
            if (b0 == 0xF0) secondLo = 0x90;      // no overlong 4-byte forms
            else if (b0 == 0xF4) secondHi = 0x8F; // nothing above U+10FFFF
            return 3;
        }
        value = 0;
        return 0;
    }

    /// <summary>
    /// Decodes the scalar value starting at <paramref name="offset"/>. Returns the bytes consumed (1-4);
    /// <paramref name="cp"/> is U+FFFD when they are a maximal ill-formed subpart.
    /// </summary>
    public static int DecodeScalar(byte[] b, int offset, int available, out int cp)
    {
        int b0 = b[offset];
        if (b0 < 0x80)
        {
            cp = b0;
            return 1;
        }

        int need = Lead(b0, out int value, out int lo, out int hi); // lo..hi: the allowed range of the second byte
        if (need == 0)
        {
            cp = Replacement;
            return 1;
        }

        int used = 1;
        for (int k = 0; k < need; k++)
        {
            if (used >= available)
            {
                cp = Replacement; // truncated: the maximal subpart so far
                return used;
            }
            int c = b[offset + used];
            int min = k == 0 ? lo : 0x80;
            int max = k == 0 ? hi : 0xBF;
            if (c < min || c > max)
            {
                cp = Replacement;
                return used;
            }
            value = (value << 6) | (c & 0x3F);
            used++;
        }
        cp = value;
        return used;
    }

    /// <summary>
    /// <c>s[i]</c>, except that for a surrogate it reads through a whole ToCharArray: on the nanoCLR
    /// (nf-interpreter 1.17, posix build) the string indexer returns the high surrogate for both
    /// halves of a pair, and ToCharArray(i, n) misreads at a pair's edges (it stores strings as
    /// UTF-8); only the whole array is right. Only strings with surrogates pay the copy.
    /// </summary>
    public static char CharAt(string s, int i)
    {
        char c = s[i];
        if (c < 0xD800 || c > 0xDFFF) return c;
        return s.ToCharArray()[i];
    }

    static bool IsHighSurrogate(char c) => c >= 0xD800 && c <= 0xDBFF;

    static bool IsLowSurrogate(char c) => c >= 0xDC00 && c <= 0xDFFF;
}
