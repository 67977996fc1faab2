using System;

namespace Gateway.Core.Crypto;

/// <summary>
/// HMAC-SHA256 (RFC 2104, FIPS 198-1): H((K ^ opad) || H((K ^ ipad) || text)), a key longer than the
/// 64-byte block hashed first. Incremental (<see cref="Update(byte[], int, int)"/>, <see cref="Final(byte[], int)"/>,
/// then ready for the next message under the same key) or one-shot (<see cref="Compute"/>). Fixed memory:
/// two <see cref="Sha256"/> and one 64-byte padded key. <see cref="Clear"/> wipes the key material.
/// </summary>
public sealed class HmacSha256
{
    public const int MacSize = Sha256.HashSize;

    readonly byte[] _key = new byte[Sha256.BlockSize]; // K padded with zeros (RFC 2104 step 1)
    readonly byte[] _pad = new byte[Sha256.BlockSize];
    readonly Sha256 _inner = new Sha256();
    readonly Sha256 _outer = new Sha256();
    readonly byte[] _innerDigest = new byte[Sha256.HashSize];

    public HmacSha256(byte[] key)
    {
        if (key == null) throw new ArgumentNullException(nameof(key));
        if (key.Length > Sha256.BlockSize)
        {
            _inner.Update(key, 0, key.Length);
            _inner.Final(_key, 0);
        }
        else
        {
            Array.Copy(key, _key, key.Length);
        }
        Start();
    }

    public void Update(byte[] data, int offset, int count) => _inner.Update(data, offset, count);

    public void Update(byte[] data) => _inner.Update(data, 0, data.Length);

    /// <summary>Writes the 32-byte MAC at <paramref name="offset"/> and starts the next message.</summary>
    public void Final(byte[] output, int offset)
    {
        _inner.Final(_innerDigest, 0);
        for (int i = 0; i < _pad.Length; i++) _pad[i] = (byte)(_key[i] ^ 0x5c);
        _outer.Update(_pad, 0, _pad.Length);
        _outer.Update(_innerDigest, 0, _innerDigest.Length);
        _outer.Final(output, offset);
        Array.Clear(_innerDigest, 0, _innerDigest.Length);
        Start();
    }

    public byte[] Final()
    {
        var mac = new byte[MacSize];
        Final(mac, 0);
        return mac;
    }

    /// <summary>Wipes the key and any message state; the object is unusable afterwards (MACs under a zero key).</summary>
    public void Clear()
    {
        Array.Clear(_key, 0, _key.Length);
        Array.Clear(_pad, 0, _pad.Length);
        _inner.Reset();
        _outer.Reset();
    }

    public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
    {
        var h = new HmacSha256(key);
        h.Update(data, offset, count);
        var mac = h.Final();
        h.Clear();
        return mac;
    }

    public static byte[] Compute(byte[] key, byte[] data) => Compute(key, data, 0, data.Length);

    void Start()
    {
        for (int i = 0; i < _pad.Length; i++) _pad[i] = (byte)(_key[i] ^ 0x36);
        _inner.Update(_pad, 0, _pad.Length);
        Array.Clear(_pad, 0, _pad.Length);
    }
}
