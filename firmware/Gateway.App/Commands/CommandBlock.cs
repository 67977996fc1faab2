using Gateway.Core.Text;
using Gateway.Mail.Mime;

namespace Gateway.App.Commands;

/// <summary>
/// Finds the signed block in the text of a command mail, a line at a time (<see cref="Add"/>, then
/// <see cref="Finish"/>), or all at once (<see cref="Parse"/>). Fixed memory: at most
/// <see cref="MaxCommands"/> lines of at most <see cref="MaxLineLength"/> chars are kept.
/// <list type="bullet">
/// <item>Quoted lines (first non-blank char '&gt;') are never read: a reply that quotes an older command
///   mail cannot run it again, and only a new, unquoted block counts.</item>
/// <item>Reading stops at a signature separator ("-- ", or "--" when a client trimmed it), and at the
///   separators Outlook puts above an unquoted original ("-----Original Message-----", a line of
///   underscores), so an original below a reply is never taken for the new block.</item>
/// <item>Lines before the first <c>gateway-auth:</c> line are ignored (a greeting); blank lines are ignored.</item>
/// <item>After the auth line, the next n= non-blank lines are the commands; whatever follows is ignored.
///   A block cut short (by a quote, a separator or the end) or holding an over-long line is refused.</item>
/// </list>
/// </summary>
public sealed class CommandBlock : ITextLineSink
{
    /// <summary>The most commands one mail may carry.</summary>
    public const int MaxCommands = 20;

    /// <summary>The longest command line; the auth line may be twice as long (it is near 150 chars).</summary>
    public const int MaxLineLength = 200;

    /// <summary>The longest auth line (continuations joined); a longer text line is as good cut to one more char.</summary>
    public const int MaxAuthLength = 2 * MaxLineLength;

    enum State { Searching, InAuth, Collecting, Done }

    readonly string[] _lines = new string[MaxCommands];
    State _state = State.Searching;
    string _authText = "";
    int _count;

    /// <summary>The auth line as read (continuations joined), or null when the mail has none.</summary>
    public string? AuthText { get; private set; }

    /// <summary>The parsed auth line, or null (no auth line, or <see cref="Problem"/> says why).</summary>
    public CommandAuth? Auth { get; private set; }

    /// <summary>Why the block cannot be used (malformed auth line, cut short, line too long), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The signed command lines read, trimmed, in order.</summary>
    public int Count => _count;

    public string Line(int i) => _lines[i];

    /// <summary>A copy of the command lines.</summary>
    public string[] Lines
    {
        get
        {
            var copy = new string[_count];
            for (int i = 0; i < _count; i++) copy[i] = _lines[i];
            return copy;
        }
    }

    public static CommandBlock Parse(string text)
    {
        var block = new CommandBlock();
        // One Split, not a Substring per line: on the device each Substring copies the whole text first.
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length && !block.IsDone; i++)
            block.Add(lines[i].Length > MaxAuthLength + 1 ? lines[i].Substring(0, MaxAuthLength + 1) : lines[i]);
        block.Finish();
        return block;
    }

    /// <summary>A line of the mail's text as the MIME reader decodes it (the block is read while the mail arrives).</summary>
    public void TextLine(string line) => Add(line.Length > MaxAuthLength + 1 ? line.Substring(0, MaxAuthLength + 1) : line);

    /// <summary>The reader took another part's text (text/plain after text/html): the block starts over.</summary>
    public void TextRestarted()
    {
        for (int i = 0; i < _count; i++) _lines[i] = null!;
        _state = State.Searching;
        _authText = "";
        _count = 0;
        AuthText = null;
        Auth = null;
        Problem = null;
    }

    /// <summary>True once the rest of the mail cannot change the result.</summary>
    public bool IsDone => _state == State.Done;

    /// <summary>Takes the next line of the mail's text (a trailing CR is dropped).</summary>
    public void Add(string rawLine)
    {
        if (_state == State.Done) return;
        string line = rawLine.Length > 0 && rawLine[rawLine.Length - 1] == '\r' ? rawLine.Substring(0, rawLine.Length - 1) : rawLine;
        string trimmed = Ascii.TrimBlanks(line);
        if (trimmed.Length == 0) return;
        if (IsQuoted(trimmed) || IsSeparator(trimmed))
        {
            if (_state == State.Searching) { if (!IsQuoted(trimmed)) _state = State.Done; return; }
            Finish();
            return;
        }

        if (_state == State.Searching)
        {
            if (!CommandAuth.IsAuthLine(trimmed)) return;
            _authText = trimmed.Length > MaxAuthLength ? trimmed.Substring(0, MaxAuthLength) : trimmed;
            _state = State.InAuth;
            return;
        }
        if (_state == State.InAuth)
        {
            if (CommandAuth.IsContinuation(trimmed) && _authText.Length + 1 + trimmed.Length <= MaxAuthLength)
            {
                _authText += " " + trimmed;
                return;
            }
            if (!EndAuth()) return;
        }
        if (trimmed.Length > MaxLineLength)
        {
            Refuse("command line " + Ascii.FromInt(_count + 1) + " is longer than " + Ascii.FromInt(MaxLineLength) + " chars");
            return;
        }
        _lines[_count++] = trimmed;
        if (_count == Auth!.Count) _state = State.Done;
    }

    /// <summary>Ends the text: a block still open is checked for being complete.</summary>
    public void Finish()
    {
        if (_state == State.InAuth && !EndAuth()) return;
        if (_state == State.Collecting && _count < Auth!.Count)
            Refuse("the signed block ends after " + Ascii.FromInt(_count) + " of " + Ascii.FromInt(Auth.Count) + " command lines");
        _state = State.Done;
    }

    bool EndAuth()
    {
        AuthText = _authText;
        Auth = CommandAuth.Parse(_authText, out string problem);
        if (Auth == null)
        {
            Refuse("malformed auth line: " + problem);
            return false;
        }
        _state = State.Collecting;
        return true;
    }

    void Refuse(string problem)
    {
        Problem = problem;
        _count = 0;
        _state = State.Done;
    }

    static bool IsQuoted(string trimmed) => trimmed[0] == '>';

    static bool IsSeparator(string trimmed)
    {
        if (trimmed == "--") return true; // "-- " with its blank trimmed (RFC 3676, 4.3)
        if (trimmed.Length >= 10)
        {
            int underscores = 0;
            while (underscores < trimmed.Length && trimmed[underscores] == '_') underscores++;
            if (underscores == trimmed.Length) return true;
        }
        if (trimmed[0] != '-') return false;
        int i = 0;
        while (i < trimmed.Length && trimmed[i] == '-') i++;
        return i >= 2 && Ascii.StartsWithIgnoreCase(Ascii.TrimBlanks(trimmed.Substring(i)), "original message");
    }
}
