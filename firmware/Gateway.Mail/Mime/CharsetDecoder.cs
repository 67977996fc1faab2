using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Turns body bytes into chars a chunk at a time: UTF-8 (a character may be split across chunks; each
/// maximal ill-formed subsequence becomes one U+FFFD, as <see cref="Utf8"/> does), ISO-8859-1 and
/// windows-1252. US-ASCII and unknown charsets are read as UTF-8, the superset mislabelled mail needs.
/// </summary>
public sealed class CharsetDecoder
{
    CharsetKind _kind = CharsetKind.Utf8;
    int _need;   // continuation bytes still expected
    int _cp;     // the scalar value so far
    int _lo = 0x80, _hi = 0xBF; // the allowed range of the next continuation byte

    /// <summary>Ill-formed UTF-8 sequences replaced by U+FFFD since <see cref="Start"/>.</summary>
    public int Invalid { get; private set; }

    /// <summary>Begins a new body in <paramref name="kind"/>.</summary>
    public void Start(CharsetKind kind)
    {
        _kind = kind;
        _need = 0;
        Invalid = 0;
    }

    public void Decode(byte[] b, int offset, int count, ICharSink sink)
    {
        int end = offset + count;
        bool singleByte = _kind == CharsetKind.Latin1 || _kind == CharsetKind.Windows1252;
        for (int i = offset; i < end; i++)
        {
            int c = b[i];
            if (singleByte)
                sink.Put(Charset.FromSingleByte(_kind, c));
            else
                PutUtf8(c, sink);
        }
    }

    /// <summary>Ends the body: a character cut short becomes U+FFFD.</summary>
    public void Finish(ICharSink sink)
    {
        if (_need > 0)
        {
            _need = 0;
            Invalid++;
            sink.Put(Utf8.Replacement);
        }
    }

    void PutUtf8(int c, ICharSink sink)
    {
        if (_need > 0)
        {
            if (c >= _lo && c <= _hi)
            {
                _cp = (_cp << 6) | (c & 0x3F);
                _lo = 0x80;
                _hi = 0xBF;
                if (--_need == 0) PutScalar(_cp, sink);
                return;
            }
            // The sequence so far is a maximal ill-formed subpart; this byte starts afresh.
            _need = 0;
            Invalid++;
            sink.Put(Utf8.Replacement);
        }
        if (c < 0x80)
        {
            sink.Put((char)c);
            return;
        }
        _need = Utf8.Lead(c, out _cp, out _lo, out _hi);
        if (_need == 0)
        {
            Invalid++;
            sink.Put(Utf8.Replacement);
        }
    }

    static void PutScalar(int cp, ICharSink sink)
    {
        if (cp < 0x10000)
        {
            sink.Put((char)cp);
            return;
        }
        cp -= 0x10000;
        sink.Put((char)(0xD800 + (cp >> 10)));
        sink.Put((char)(0xDC00 + (cp & 0x3FF)));
    }
}
