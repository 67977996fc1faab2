namespace Gateway.Mail.Mime;

/// <summary>
/// Decodes a base64 body (RFC 2045 6.8) a chunk at a time, so a group of four characters may be split
/// across lines or chunks. Line breaks and blanks are skipped; any other character outside the alphabet
/// is skipped and counted in <see cref="Invalid"/> (the RFC asks readers to ignore them, the gateway also
/// reports them). Padding ends a group; data after it starts a new one, as when encoded parts are joined.
/// </summary>
public sealed class Base64Decoder
{
    int _acc;      // the bits of the group so far
    int _chars;    // characters of the group so far (0-3)

    /// <summary>Characters outside the base64 alphabet, and groups cut short at the end, so far.</summary>
    public int Invalid { get; private set; }

    /// <summary>The most bytes one call writes for <paramref name="count"/> input characters.</summary>
    public static int MaxOutput(int count) => (count + 3) / 4 * 3 + 3;

    /// <summary>Decodes into <paramref name="dest"/> from <paramref name="destOffset"/>; returns the bytes written.</summary>
    public int Decode(byte[] src, int offset, int count, byte[] dest, int destOffset)
    {
        int o = destOffset;
        int end = offset + count;
        for (int i = offset; i < end; i++)
        {
            int c = src[i];
            int v = Value(c);
            if (v < 0)
            {
                if (c == '=')
                    o = EndGroup(dest, o);
                else if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
                    Invalid++;
                continue;
            }
            _acc = (_acc << 6) | v;
            if (++_chars == 4)
            {
                dest[o++] = (byte)(_acc >> 16);
                dest[o++] = (byte)(_acc >> 8);
                dest[o++] = (byte)_acc;
                _acc = 0;
                _chars = 0;
            }
        }
        return o - destOffset;
    }

    /// <summary>Ends the body: a group left without padding gives its whole bytes (at most 2). Ready for a new body.</summary>
    public int Finish(byte[] dest, int destOffset) => EndGroup(dest, destOffset) - destOffset;

    /// <summary>Forgets a group in progress and the count of invalid characters.</summary>
    public void Reset()
    {
        _acc = 0;
        _chars = 0;
        Invalid = 0;
    }

    int EndGroup(byte[] dest, int o)
    {
        if (_chars == 1)
        {
            Invalid++; // six bits make no byte
        }
        else if (_chars == 2)
        {
            dest[o++] = (byte)(_acc >> 4);
        }
        else if (_chars == 3)
        {
            dest[o++] = (byte)(_acc >> 10);
            dest[o++] = (byte)(_acc >> 2);
        }
        _acc = 0;
        _chars = 0;
        return o;
    }

    static int Value(int c)
    {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    }
}
