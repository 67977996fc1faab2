namespace Gateway.Core.Crypto;

/// <summary>
/// MD5 (RFC 1321), because the device's mscorlib has no cryptography. Here only for APOP
/// (RFC 1939 section 7), which is defined with it; MD5 is broken for collisions, so nothing
/// new should rely on it. Streaming: <see cref="Append"/> any number of times, then <see cref="Finish"/>.
/// Working memory is one 64-byte block and a 16-word schedule, both reused.
/// </summary>
public sealed class Md5
{
    public const int HashSize = 16;

    // RFC 1321 3.4: T[i] = floor(2^32 * abs(sin(i + 1))), written out since there is no Math on the device.
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static uint[]? s_t;
    static uint[] T => s_t ?? (s_t = new uint[] {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    });

    // The rotation of each step, four per round (RFC 1321 3.4).
    static int[]? s_s;
    static int[] S => s_s ?? (s_s = new int[] { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 });

    readonly byte[] _block = new byte[64];
    readonly uint[] _x = new uint[16];
    uint _a, _b, _c, _d;
    long _length; // bytes appended so far
    int _fill;    // bytes waiting in _block

    public Md5()
    {
        Reset();
    }

    /// <summary>The MD5 of <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
    public static byte[] Hash(byte[] data, int offset, int count)
    {
        var md5 = new Md5();
        md5.Append(data, offset, count);
        return md5.Finish();
    }

    /// <summary>Lower-case hex, as APOP sends a digest.</summary>
    public static string ToHex(byte[] hash)
    {
        const string digits = "0123456789abcdef";
        var c = new char[hash.Length * 2];
        for (int i = 0; i < hash.Length; i++)
        {
            c[2 * i] = digits[hash[i] >> 4];
            c[2 * i + 1] = digits[hash[i] & 0xF];
        }
        return new string(c);
    }

    public void Reset()
    {
        _a = 0x67452301;
        _b = 0xefcdab89;
        _c = 0x98badcfe;
        _d = 0x10325476;
        _length = 0;
        _fill = 0;
    }

    public void Append(byte[] data, int offset, int count)
    {
        _length += count;
        while (count > 0)
        {
            int n = 64 - _fill < count ? 64 - _fill : count;
            System.Array.Copy(data, offset, _block, _fill, n);
            _fill += n;
            offset += n;
            count -= n;
            if (_fill == 64)
            {
                Compress();
                _fill = 0;
            }
        }
    }

    /// <summary>Pads, returns the 16-byte hash and resets for the next message.</summary>
    public byte[] Finish()
    {
        long bits = _length * 8;
        // RFC 1321 3.1-3.2: a 1 bit, zeros to 56 mod 64, then the length in bits, little-endian.
        _block[_fill++] = 0x80;
        if (_fill > 56)
        {
            System.Array.Clear(_block, _fill, 64 - _fill);
            Compress();
            _fill = 0;
        }
        System.Array.Clear(_block, _fill, 56 - _fill);
        for (int i = 0; i < 8; i++)
            _block[56 + i] = (byte)(bits >> (8 * i));
        Compress();

        var hash = new byte[HashSize];
        Put(_a, hash, 0);
        Put(_b, hash, 4);
        Put(_c, hash, 8);
        Put(_d, hash, 12);
        System.Array.Clear(_block, 0, 64);
        System.Array.Clear(_x, 0, 16);
        Reset();
        return hash;
    }

    void Compress()
    {
        for (int i = 0; i < 16; i++)
            _x[i] = (uint)(_block[4 * i] | _block[4 * i + 1] << 8 | _block[4 * i + 2] << 16 | _block[4 * i + 3] << 24);

        uint a = _a, b = _b, c = _c, d = _d;
        for (int i = 0; i < 64; i++)
        {
            uint f;
            int k;
            int round = i >> 4;
            if (round == 0)
            {
                f = (b & c) | (~b & d);
                k = i;
            }
            else if (round == 1)
            {
                f = (b & d) | (c & ~d);
                k = (5 * i + 1) & 15;
            }
            else if (round == 2)
            {
                f = b ^ c ^ d;
                k = (3 * i + 5) & 15;
            }
            else
            {
                f = c ^ (b | ~d);
                k = (7 * i) & 15;
            }
            uint sum = a + f + T[i] + _x[k];
            int s = S[(round << 2) | (i & 3)];
            a = d;
            d = c;
            c = b;
            b = b + ((sum << s) | (sum >> (32 - s)));
        }
        _a += a;
        _b += b;
        _c += c;
        _d += d;
    }

    static void Put(uint v, byte[] b, int o)
    {
        b[o] = (byte)v;
        b[o + 1] = (byte)(v >> 8);
        b[o + 2] = (byte)(v >> 16);
        b[o + 3] = (byte)(v >> 24);
    }
}
