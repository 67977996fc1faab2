namespace Gateway.Mail.Mime;

/// <summary>
/// Undoes format=flowed (RFC 3676) a char at a time: a line ending in a space is joined with the next one
/// of the same quote depth (its quote marks dropped), the space deleted when delsp=yes; one leading
/// space (after any quote marks) is space-stuffing and removed; quote marks are written as ">" per level
/// and one space; the signature separator "-- " is never flowed (4.3). So a command line the sender's
/// client wrapped at 72 columns arrives whole. CR is ignored, LF ends a line. Matches MimeKit's
/// FlowedToText except for "-- ", which MimeKit 4.18 joins with the next line.
/// </summary>
public sealed class FlowedText : ICharSink
{
    const string SignatureSeparator = "-- ";

    readonly ICharSink _out;
    bool _deleteSpace;
    bool _inLine;        // a char of the current line has been seen
    bool _contentStarted;
    int _depth;          // quote marks of the current line
    bool _stuffed;       // its space-stuffing space was seen
    int _spaces;         // trailing spaces of the current line, not written yet
    int _signature;      // chars of "-- " matched so far; -1 when the line is something else
    bool _previousFlowed;
    int _previousDepth;
    int _carried;        // the trailing spaces of a flowed line, written when the next line decides

    public FlowedText(ICharSink output)
    {
        _out = output;
    }

    /// <summary>Begins a new text; <paramref name="deleteSpace"/> is delsp=yes.</summary>
    public void Start(bool deleteSpace)
    {
        _deleteSpace = deleteSpace;
        _inLine = _contentStarted = _stuffed = _previousFlowed = false;
        _depth = _spaces = _carried = _signature = 0;
    }

    public void Put(char c)
    {
        if (c == '\r') return;
        if (c == '\n')
        {
            EndLine();
            return;
        }
        _inLine = true;
        if (!_contentStarted)
        {
            if (c == '>' && !_stuffed)
            {
                _depth++;
                return;
            }
            if (c == ' ' && !_stuffed)
            {
                _stuffed = true;
                return;
            }
            BeginContent();
        }
        _signature = _signature >= 0 && _signature < SignatureSeparator.Length && c == SignatureSeparator[_signature]
            ? _signature + 1
            : -1;
        if (c == ' ')
        {
            _spaces++;
            return;
        }
        WriteSpaces(_spaces);
        _spaces = 0;
        _out.Put(c);
    }

    /// <summary>
    /// Ends the text: a last line without break ends as any line does (a fixed one gets its LF, as MimeKit
    /// writes it), and a flowed last line keeps the spaces it held back.
    /// </summary>
    public void Finish()
    {
        if (_inLine) EndLine();
        if (_previousFlowed) WriteSpaces(_deleteSpace ? _carried - 1 : _carried);
        _previousFlowed = false;
        _carried = 0;
    }

    void EndLine()
    {
        if (!_contentStarted) BeginContent();
        bool flowed = _spaces > 0 && _signature != SignatureSeparator.Length;
        if (flowed)
        {
            _carried = _spaces;
        }
        else
        {
            WriteSpaces(_spaces);
            _out.Put('\n');
        }
        _previousFlowed = flowed;
        _previousDepth = _depth;
        _inLine = _contentStarted = _stuffed = false;
        _depth = _spaces = _signature = 0;
    }

    void BeginContent()
    {
        _contentStarted = true;
        _signature = 0;
        if (_previousFlowed)
        {
            _previousFlowed = false;
            WriteSpaces(_deleteSpace ? _carried - 1 : _carried);
            if (_depth == _previousDepth) return; // joined: this line's quote marks are not repeated
            _out.Put('\n'); // the quote depth changed: the flowed line ends here after all (4.5)
        }
        for (int i = 0; i < _depth; i++) _out.Put('>');
        if (_depth > 0) _out.Put(' '); // quote marks then one space, however the sender wrote them
    }

    void WriteSpaces(int n)
    {
        for (int i = 0; i < n; i++) _out.Put(' ');
    }
}
