namespace Gateway.Mail.Mime;

/// <summary>
/// Collects decoded text up to a fixed number of chars; what comes beyond is dropped and
/// <see cref="Truncated"/> says so. Line breaks are normalised: CR LF and a lone CR become LF.
/// </summary>
public sealed class TextBuffer : ICharSink
{
    readonly char[] _chars;
    int _count;
    bool _afterCr;

    public TextBuffer(int maxChars)
    {
        _chars = new char[maxChars < 1 ? 1 : maxChars];
    }

    public int Count => _count;

    /// <summary>
    /// When set, each completed line goes to the sink and is not kept: the buffer then holds one line, and
    /// a longer line is cut to its capacity (<see cref="Truncated"/> stays false).
    /// </summary>
    public ITextLineSink? LineSink { get; set; }

    public int Capacity => _chars.Length;

    /// <summary>Text was dropped because the buffer was full.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The last char held, or '\n' when empty (the start counts as the start of a line).</summary>
    public char Last => _count == 0 ? '\n' : _chars[_count - 1];

    public void Put(char c)
    {
        if (c == '\n' && _afterCr)
        {
            _afterCr = false; // the LF of a CR LF already written
            return;
        }
        _afterCr = c == '\r';
        Add(_afterCr ? '\n' : c);
    }

    /// <summary>Removes blanks and line breaks at the end.</summary>
    public void TrimEnd()
    {
        while (_count > 0 && (_chars[_count - 1] == ' ' || _chars[_count - 1] == '\t' || _chars[_count - 1] == '\n')) _count--;
    }

    public void Clear()
    {
        if (LineSink != null) LineSink.TextRestarted();
        _count = 0;
        _afterCr = false;
        Truncated = false;
    }

    public override string ToString() => new string(_chars, 0, _count);

    /// <summary>Gives the sink the last line if it did not end with a line break (the end of the text).</summary>
    public void FlushLine()
    {
        if (LineSink == null || _count == 0) return;
        LineSink.TextLine(new string(_chars, 0, _count));
        _count = 0;
    }

    void Add(char c)
    {
        if (LineSink != null)
        {
            if (c == '\n')
            {
                LineSink.TextLine(new string(_chars, 0, _count));
                _count = 0;
            }
            else if (_count < _chars.Length)
            {
                _chars[_count++] = c;
            }
            return;
        }
        // A surrogate pair is kept whole or not at all.
        int room = _chars.Length - _count;
        if (Truncated || room == 0 || (room == 1 && c >= 0xD800 && c <= 0xDBFF))
        {
            Truncated = true;
            return;
        }
        _chars[_count++] = c;
    }
}
