using System;

namespace Gateway.Core.Text;

/// <summary>
/// A growable byte buffer (nanoFramework has no MemoryStream or List&lt;byte&gt;). An optional maximum
/// size bounds what a message may cost the heap: growing past it throws <see cref="SizeLimitException"/>
/// and leaves the content as it was.
/// </summary>
public sealed class ByteBuilder
{
    byte[] _buf;
    int _count;
    readonly int _max;

    /// <param name="initialCapacity">Bytes allocated up front.</param>
    /// <param name="maxSize">The most bytes it may hold; 0 for no limit.</param>
    public ByteBuilder(int initialCapacity = 256, int maxSize = 0)
    {
        if (initialCapacity < 16) initialCapacity = 16;
        if (maxSize > 0 && initialCapacity > maxSize) initialCapacity = maxSize;
        _buf = new byte[initialCapacity];
        _max = maxSize;
    }

    /// <summary>Bytes held; they are the first <see cref="Count"/> bytes of <see cref="Buffer"/>.</summary>
    public int Count => _count;

    /// <summary>The limit given to the constructor (0: none).</summary>
    public int MaxSize => _max;

    /// <summary>The underlying array, to hand the content on without a copy; valid until the next append.</summary>
    public byte[] Buffer => _buf;

    public byte this[int index]
    {
        get
        {
            if (index < 0 || index >= _count) throw new ArgumentOutOfRangeException(nameof(index));
            return _buf[index];
        }
    }

    public void Append(byte b)
    {
        if (_count == _buf.Length) Reserve(1);
        _buf[_count++] = b;
    }

    public void Append(byte[] b, int offset, int count)
    {
        if (count <= 0) return;
        Reserve(count);
        Array.Copy(b, offset, _buf, _count, count);
        _count += count;
    }

    /// <summary>Appends text whose chars are all below 0x80 (protocol keywords, header names).</summary>
    /// <exception cref="ArgumentException">A char is not ASCII.</exception>
    public void AppendAscii(string s)
    {
        Reserve(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0x80) throw new ArgumentException("not ASCII text");
            _buf[_count + i] = (byte)c;
        }
        _count += s.Length;
    }

    /// <summary>Appends a non-negative decimal, zero-padded to <paramref name="minDigits"/>, without making a string.</summary>
    public void AppendDecimal(long value, int minDigits)
    {
        if (value < 0) throw new ArgumentException("negative");
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) digits++;
        if (digits < minDigits) digits = minDigits;
        Reserve(digits);
        for (int i = digits - 1; i >= 0; i--)
        {
            _buf[_count + i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        _count += digits;
    }

    public void AppendUtf8(string s) => AppendUtf8(s, 0, s.Length);

    /// <summary>Appends <paramref name="count"/> chars of <paramref name="s"/> as UTF-8 (a lone surrogate as U+FFFD).</summary>
    public void AppendUtf8(string s, int start, int count)
    {
        if (count <= 0) return;
        Reserve(Utf8.GetByteCount(s, start, count));
        _count += Utf8.Encode(s, start, count, _buf, _count);
    }

    public byte[] ToArray()
    {
        var a = new byte[_count];
        Array.Copy(_buf, 0, a, 0, _count);
        return a;
    }

    /// <summary>Forgets the content and keeps the memory.</summary>
    public void Clear() => _count = 0;

    /// <summary>Makes room for <paramref name="more"/> bytes, doubling the array so appends cost amortised O(1).</summary>
    void Reserve(int more)
    {
        long need = (long)_count + more;
        if (_max > 0 && need > _max) throw new SizeLimitException(_max);
        if (need <= _buf.Length) return;
        long size = (long)_buf.Length * 2;
        if (size < need) size = need;
        if (_max > 0 && size > _max) size = _max;
        if (size > int.MaxValue) throw new SizeLimitException(int.MaxValue);
        var b = new byte[(int)size];
        Array.Copy(_buf, 0, b, 0, _count);
        _buf = b;
    }
}
