namespace Gateway.Core.Frames;

/// <summary>Text for header values (addresses, hex), the same on the device and on .NET.</summary>
public static class FrameText
{
    const string Digits = "0123456789abcdef";

    /// <summary>Hex pairs without separators: "0a1b".</summary>
    public static string Hex(byte[] b, int offset, int length)
    {
        var c = new char[length * 2];
        for (int i = 0; i < length; i++)
        {
            c[2 * i] = Digits[b[offset + i] >> 4];
            c[2 * i + 1] = Digits[b[offset + i] & 0xF];
        }
        return new string(c);
    }

    /// <summary>"0x" and <paramref name="digits"/> hex digits of <paramref name="value"/>.</summary>
    public static string Hex(long value, int digits)
    {
        var c = new char[digits + 2];
        c[0] = '0';
        c[1] = 'x';
        for (int i = digits + 1; i >= 2; i--)
        {
            c[i] = Digits[(int)(value & 0xF)];
            value >>= 4;
        }
        return new string(c);
    }

    /// <summary>
    /// A number in decimal. ulong's formatting has no sign, so it is the same in every culture on .NET
    /// (the frame decoder depends on mscorlib alone, not on the core's Ascii helpers).
    /// </summary>
    public static string Decimal(long value) => value < 0 ? "-" + ((ulong)(-(value + 1)) + 1).ToString() : ((ulong)value).ToString();

    /// <summary>A MAC address (or any link address) as colon-separated hex pairs.</summary>
    public static string Mac(byte[] b, int offset, int length)
    {
        if (length <= 0) return "";
        var c = new char[length * 3 - 1];
        for (int i = 0; i < length; i++)
        {
            if (i > 0) c[3 * i - 1] = ':';
            c[3 * i] = Digits[b[offset + i] >> 4];
            c[3 * i + 1] = Digits[b[offset + i] & 0xF];
        }
        return new string(c);
    }

    public static string Ipv4(byte[] b, int offset) =>
        string.Concat(
            string.Concat(Decimal(b[offset]), ".", Decimal(b[offset + 1]), "."),
            string.Concat(Decimal(b[offset + 2]), ".", Decimal(b[offset + 3])));

    /// <summary>An IPv6 address in RFC 5952 form: lower-case hex, leading zeros dropped, the longest run of zero groups (2+) as "::".</summary>
    public static string Ipv6(byte[] b, int offset)
    {
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8;)
        {
            if (NetworkOrder.U16(b, offset + 2 * i) != 0) { i++; continue; }
            int j = i;
            while (j < 8 && NetworkOrder.U16(b, offset + 2 * j) == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        var c = new char[41];
        int n = 0;
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                c[n++] = ':';
                if (i == 0) c[n++] = ':';
                i += bestLen - 1;
                continue;
            }
            int g = NetworkOrder.U16(b, offset + 2 * i);
            bool started = false;
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                int d = (g >> shift) & 0xF;
                if (d != 0 || started || shift == 0) { c[n++] = Digits[d]; started = true; }
            }
            if (i < 7) c[n++] = ':';
        }
        return new string(c, 0, n);
    }

    /// <summary>Reads <paramref name="bitLength"/> (at most 64) bits, most significant first, starting <paramref name="bitOffset"/> bits after <paramref name="offset"/>.</summary>
    public static ulong ReadBits(byte[] b, int offset, int bitOffset, int bitLength)
    {
        ulong v = 0;
        for (int i = 0; i < bitLength; i++)
        {
            int bit = bitOffset + i;
            v = (v << 1) | (uint)((b[offset + bit / 8] >> (7 - bit % 8)) & 1);
        }
        return v;
    }
}
