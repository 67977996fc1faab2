namespace Gateway.Core.Text;

/// <summary>
/// Writes a stored record into one array of exactly its size: the caller writes the record twice, first
/// into a writer that only counts, then, after <see cref="Allocate"/>, for real. A record built from
/// strings would hold the text, its UTF-8 and its base64 at once; on the device that is the largest
/// burst of a command's reply, so nothing but the final array is made.
/// </summary>
public sealed class RecordWriter
{
    byte[]? _buf;
    int _count;

    /// <summary>Bytes written (or counted, before <see cref="Allocate"/>).</summary>
    public int Count => _count;

    /// <summary>The record: <see cref="Count"/> bytes written and the room left after them.</summary>
    public byte[] Buffer => _buf ?? new byte[0];

    /// <summary>Makes the array for what was counted plus <paramref name="extra"/> bytes, and starts writing from its beginning.</summary>
    public void Allocate(int extra)
    {
        _buf = new byte[_count + extra];
        _count = 0;
    }

    /// <summary>Text as UTF-8.</summary>
    public void Text(string s)
    {
        if (_buf != null) _count += Utf8.Encode(s, 0, s.Length, _buf, _count);
        else _count += Utf8.GetByteCount(s);
    }

    public void Byte(byte b)
    {
        if (_buf != null) _buf[_count] = b;
        _count++;
    }

    /// <summary>The base64 of <paramref name="text"/>'s UTF-8, encoded as it is read: no copy of the text is made.</summary>
    public void Base64Utf8(string text)
    {
        // A text with surrogates is read through an array, as Utf8 does: the device's string indexer is not to be trusted with them.
        char[]? chars = null;
        for (int i = 0; i < text.Length && chars == null; i++)
            if (text[i] >= 0xD800 && text[i] <= 0xDFFF) chars = text.ToCharArray();
        var utf8 = new byte[4];
        int group = 0, held = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int n = Utf8.Put(chars != null ? Utf8.ScalarAt(chars, ref i, chars.Length) : text[i], utf8, 0);
            for (int j = 0; j < n; j++)
            {
                group = (group << 8) | utf8[j];
                if (++held == 3)
                {
                    Quad(group, 4);
                    group = held = 0;
                }
            }
        }
        if (held > 0) Quad(group << (8 * (3 - held)), held + 1);
    }

    /// <summary>Writes the first <paramref name="chars"/> of the four base64 digits of 24 bits, padding with '='.</summary>
    void Quad(int bits, int chars)
    {
        for (int k = 0; k < 4; k++)
            Byte(k < chars ? Digit((bits >> (18 - 6 * k)) & 0x3F) : (byte)'=');
    }

    static byte Digit(int v) =>
        (byte)(v < 26 ? 'A' + v : v < 52 ? 'a' + v - 26 : v < 62 ? '0' + v - 52 : v == 62 ? '+' : '/');
}
