using System;

namespace Gateway.Core.Crypto;

/// <summary>
/// SHA-256 (FIPS 180-4, section 6.2) in fixed working memory: a 64-byte block buffer, the 64-word
/// message schedule and the 8-word state, allocated once and reused. Incremental
/// (<see cref="Update(byte[], int, int)"/> then <see cref="Final(byte[], int)"/>, after which the
/// object is ready for a new message) or one-shot (<see cref="Hash(byte[], int, int)"/>).
/// </summary>
public sealed class Sha256
{
    public const int HashSize = 32;
    public const int BlockSize = 64;

    // FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static uint[]? s_k;
    static uint[] K => s_k ?? (s_k = new uint[] {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    });

    readonly uint[] _h = new uint[8];
    readonly uint[] _w = new uint[64];
    readonly byte[] _block = new byte[BlockSize];
    int _filled;
    long _length; // bytes hashed so far

    public Sha256()
    {
        Reset();
    }

    /// <summary>Starts a new message (FIPS 180-4, 5.3.3: the initial hash value).</summary>
    public void Reset()
    {
        _h[0] = 0x6a09e667; _h[1] = 0xbb67ae85; _h[2] = 0x3c6ef372; _h[3] = 0xa54ff53a;
        _h[4] = 0x510e527f; _h[5] = 0x9b05688c; _h[6] = 0x1f83d9ab; _h[7] = 0x5be0cd19;
        _filled = 0;
        _length = 0;
        Array.Clear(_block, 0, BlockSize);
        Array.Clear(_w, 0, _w.Length);
    }

    public void Update(byte[] data, int offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > data.Length)
            throw new ArgumentOutOfRangeException(nameof(count));
        _length += count;
        while (count > 0)
        {
            if (_filled == 0 && count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
                continue;
            }
            int n = BlockSize - _filled;
            if (n > count) n = count;
            Array.Copy(data, offset, _block, _filled, n);
            _filled += n;
            offset += n;
            count -= n;
            if (_filled == BlockSize)
            {
                Compress(_block, 0);
                _filled = 0;
            }
        }
    }

    public void Update(byte[] data) => Update(data, 0, data.Length);

    /// <summary>Writes the 32-byte digest at <paramref name="offset"/> and resets for the next message.</summary>
    public void Final(byte[] output, int offset)
    {
        if (offset < 0 || offset + HashSize > output.Length)
            throw new ArgumentOutOfRangeException(nameof(offset));
        long bits = _length * 8;
        // FIPS 180-4, 5.1.1: a 1 bit, zeros to 448 mod 512, then the length in bits as 64 bits big-endian.
        _block[_filled++] = 0x80;
        if (_filled > BlockSize - 8)
        {
            Array.Clear(_block, _filled, BlockSize - _filled);
            Compress(_block, 0);
            _filled = 0;
        }
        Array.Clear(_block, _filled, BlockSize - 8 - _filled);
        for (int i = 0; i < 8; i++)
            _block[BlockSize - 1 - i] = (byte)(bits >> (8 * i));
        Compress(_block, 0);
        for (int i = 0; i < 8; i++)
        {
            uint v = _h[i];
            output[offset + 4 * i] = (byte)(v >> 24);
            output[offset + 4 * i + 1] = (byte)(v >> 16);
            output[offset + 4 * i + 2] = (byte)(v >> 8);
            output[offset + 4 * i + 3] = (byte)v;
        }
        Reset();
    }

    public byte[] Final()
    {
        var digest = new byte[HashSize];
        Final(digest, 0);
        return digest;
    }

    public static byte[] Hash(byte[] data, int offset, int count)
    {
        var sha = new Sha256();
        sha.Update(data, offset, count);
        return sha.Final();
    }

    public static byte[] Hash(byte[] data) => Hash(data, 0, data.Length);

    // FIPS 180-4, 6.2.2: one 512-bit block.
    void Compress(byte[] b, int o)
    {
        var w = _w;
        for (int t = 0; t < 16; t++, o += 4)
            w[t] = ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        for (int t = 16; t < 64; t++)
        {
            uint x = w[t - 2], y = w[t - 15];
            uint s1 = Rotr(x, 17) ^ Rotr(x, 19) ^ (x >> 10);
            uint s0 = Rotr(y, 7) ^ Rotr(y, 18) ^ (y >> 3);
            w[t] = s1 + w[t - 7] + s0 + w[t - 16];
        }
        uint a = _h[0], bb = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
        for (int t = 0; t < 64; t++)
        {
            uint t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
            uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = bb;
            bb = a;
            a = t1 + t2;
        }
        _h[0] += a; _h[1] += bb; _h[2] += c; _h[3] += d;
        _h[4] += e; _h[5] += f; _h[6] += g; _h[7] += h;
    }

    static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));
}
