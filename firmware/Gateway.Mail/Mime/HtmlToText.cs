using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Reduces HTML to plain text a char at a time, for a mail that has no text/plain part: tags are removed,
/// the contents of head, script, style and title are dropped, comments skipped, runs of white space
/// become one space, br gives a line break and block elements (p, div, li, tr, h1-h6, table, ul, ol,
/// blockquote, pre, hr) start a new line. Entities &amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;apos; &amp;nbsp;
/// (as a plain space) and &amp;#NN; / &amp;#xHH; are decoded; any other is kept as written. Not a full HTML
/// parser: pre keeps no white space, and inside a dropped element only "&lt;/" starts a tag.
/// </summary>
public sealed class HtmlToText : ICharSink
{
    const int MaxName = 12;   // longer tag names are cut: none we act on is that long
    const int MaxEntity = 10; // "#x10FFFF" and the names above fit

    const int InText = 0;
    const int InTag = 1;
    const int InEntity = 2;
    const int InComment = 3;
    const int AfterLessThanSkipping = 4; // '<' inside a dropped element: only "</" starts a tag there

    readonly TextBuffer _out;
    readonly char[] _name = new char[MaxName];
    readonly char[] _entity = new char[MaxEntity];
    int _state;
    int _nameLength;
    bool _nameDone, _closing;
    char _quote;
    int _entityLength;
    int _dashes;            // '-' seen in a row, to find the end of a comment
    string? _skipUntil;     // drop text until this element closes
    bool _space;            // white space seen and not yet written

    public HtmlToText(TextBuffer output)
    {
        _out = output;
    }

    public void Start()
    {
        _state = InText;
        _skipUntil = null;
        _space = false;
        _entityLength = 0;
    }

    public void Put(char c)
    {
        switch (_state)
        {
            case InTag:
                PutInTag(c);
                return;
            case AfterLessThanSkipping:
                _state = InText;
                if (c == '/')
                {
                    StartTag();
                    _closing = true;
                }
                return;
            case InComment:
                if (c == '>' && _dashes >= 2) _state = InText;
                _dashes = c == '-' ? _dashes + 1 : 0;
                return;
            case InEntity:
                if (c == ';')
                {
                    _state = InText;
                    EndEntity();
                    return;
                }
                if ((Ascii.IsLetterOrDigit(c) || (c == '#' && _entityLength == 0)) && _entityLength < MaxEntity)
                {
                    _entity[_entityLength++] = c;
                    return;
                }
                _state = InText;
                WriteRawEntity(false); // not an entity: kept as written, and this char read afresh
                break;
        }

        if (c == '<')
        {
            if (_skipUntil != null) _state = AfterLessThanSkipping;
            else StartTag();
            return;
        }
        if (_skipUntil != null) return;
        if (c == '&')
        {
            _state = InEntity;
            _entityLength = 0;
            return;
        }
        Text(c);
    }

    /// <summary>Ends the document: an unfinished entity is kept as written, trailing space and breaks removed.</summary>
    public void Finish()
    {
        if (_state == InEntity && _skipUntil == null) WriteRawEntity(false);
        _state = InText;
        _out.TrimEnd();
    }

    void StartTag()
    {
        _state = InTag;
        _nameLength = 0;
        _nameDone = false;
        _closing = false;
        _quote = '\0';
    }

    void PutInTag(char c)
    {
        if (_quote != '\0')
        {
            if (c == _quote) _quote = '\0';
            return;
        }
        if (c == '>')
        {
            _state = InText;
            EndTag();
            return;
        }
        if (_nameDone)
        {
            if (c == '"' || c == '\'') _quote = c;
            return;
        }
        if (c == '/' && _nameLength == 0 && !_closing)
        {
            _closing = true;
            return;
        }
        if (Ascii.IsLetterOrDigit(c) || c == '!' || c == '-' || c == ':')
        {
            if (_nameLength < MaxName) _name[_nameLength++] = Ascii.ToLower(c);
            if (_nameLength == 3 && _name[0] == '!' && _name[1] == '-' && _name[2] == '-')
            {
                _state = InComment;
                _dashes = 0;
            }
            return;
        }
        _nameDone = true;
        if (c == '"' || c == '\'') _quote = c;
    }

    void EndTag()
    {
        if (_skipUntil != null)
        {
            if (_closing && NameIs(_skipUntil)) _skipUntil = null;
            return;
        }
        if (!_closing && (NameIs("head") || NameIs("script") || NameIs("style") || NameIs("title")))
        {
            _skipUntil = new string(_name, 0, _nameLength);
            return;
        }
        if (NameIs("br"))
        {
            _space = false;
            _out.Put('\n');
        }
        else if (IsBlock())
        {
            NewLine();
        }
    }

    bool IsBlock()
    {
        if (_nameLength == 2 && _name[0] == 'h' && _name[1] >= '1' && _name[1] <= '6') return true;
        return NameIs("p") || NameIs("div") || NameIs("li") || NameIs("tr") || NameIs("table") || NameIs("ul")
            || NameIs("ol") || NameIs("blockquote") || NameIs("pre") || NameIs("hr");
    }

    bool NameIs(string name)
    {
        if (name.Length != _nameLength) return false;
        for (int i = 0; i < _nameLength; i++)
            if (_name[i] != name[i]) return false;
        return true;
    }

    void EndEntity()
    {
        int cp = -1;
        if (_entityLength > 1 && _entity[0] == '#') cp = NumericEntity();
        else if (EntityIs("amp")) cp = '&';
        else if (EntityIs("lt")) cp = '<';
        else if (EntityIs("gt")) cp = '>';
        else if (EntityIs("quot")) cp = '"';
        else if (EntityIs("apos")) cp = '\'';
        else if (EntityIs("nbsp")) cp = ' ';
        if (cp < 0)
        {
            WriteRawEntity(true);
            return;
        }
        WriteScalar(cp);
    }

    int NumericEntity()
    {
        bool hex = _entity[1] == 'x' || _entity[1] == 'X';
        int start = hex ? 2 : 1;
        if (start == _entityLength) return -1;
        int v = 0;
        for (int i = start; i < _entityLength; i++)
        {
            int d = hex ? Ascii.HexValue(_entity[i]) : (Ascii.IsDigit(_entity[i]) ? _entity[i] - '0' : -1);
            if (d < 0) return -1;
            v = v * (hex ? 16 : 10) + d;
            if (v > 0x10FFFF) return Utf8.Replacement;
        }
        if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return Utf8.Replacement;
        return v;
    }

    bool EntityIs(string name)
    {
        if (name.Length != _entityLength) return false;
        for (int i = 0; i < _entityLength; i++)
            if (_entity[i] != name[i]) return false;
        return true;
    }

    void WriteRawEntity(bool withSemicolon)
    {
        Text('&');
        for (int i = 0; i < _entityLength; i++) Text(_entity[i]);
        if (withSemicolon) Text(';');
    }

    void WriteScalar(int cp)
    {
        if (cp < 0x10000)
        {
            Visible((char)cp);
            return;
        }
        cp -= 0x10000;
        Visible((char)(0xD800 + (cp >> 10)));
        _out.Put((char)(0xDC00 + (cp & 0x3FF)));
    }

    void Text(char c)
    {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')
        {
            _space = true;
            return;
        }
        Visible(c);
    }

    void Visible(char c)
    {
        if (_space && _out.Last != '\n') _out.Put(' ');
        _space = false;
        _out.Put(c);
    }

    void NewLine()
    {
        _space = false;
        if (_out.Last != '\n') _out.Put('\n');
    }
}
