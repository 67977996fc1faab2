using System.Text;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// The one rule for which bytes of a client's lines are credentials, for every view (one-line, dialogue,
/// --explain's fields and hex, --svg). It knows every way SMTP, POP3 and IMAP carry a secret and applies
/// all of them whatever the port and whether or not the protocol was recognised, so it fails safe:
/// PASS, APOP's digest, AUTH/AUTHENTICATE initial responses (SASL-IR) and every client line of a SASL
/// exchange until the server's final reply, IMAP LOGIN's password as atom, quoted string (with escapes)
/// or literal ({n} and {n+}), and any line that answers a credential prompt ("334 ", "+ ") it cannot place.
/// One instance per connection: it follows the exchange line by line.
/// </summary>
public sealed class CredentialRule
{
    const string Mask = "********";

    bool _answersPrompt;   // the server asked for something (334, +) outside a known literal: the next client line is a secret
    bool _inSasl;          // AUTH/AUTHENTICATE sent, its final reply not seen: client lines are SASL responses
    bool _literalGoAhead;  // the client ended a line with a synchronizing literal {n}: the server's "+" is its go-ahead
    bool _literalSecret;   // the literal being read holds a secret
    bool _idleSent;        // the client's last command was IDLE: the server's "+" opens the wait (RFC 2177), it asks for nothing
    int _loginArgument = -1; // inside IMAP LOGIN: the argument being read (0 user name, 1 password); -1 outside

    /// <summary>Bytes of an IMAP literal still to come: the client's next bytes are data, not lines (line ends included).</summary>
    public int LiteralLeft { get; private set; }

    /// <summary>Reads a server line: a challenge or continuation request makes the next client line a secret.</summary>
    public void ServerLine(string text)
    {
        bool challenge = text.StartsWith("334", StringComparison.Ordinal) || text == "+" || text.StartsWith("+ ", StringComparison.Ordinal);
        if (challenge && !_literalGoAhead && !_idleSent) _answersPrompt = true; // "+ OK" to a literal: the literal rule decides
        else if (IsFinalReply(text)) _inSasl = _answersPrompt = false; // the exchange is over, answered or not
        _literalGoAhead = false;
    }

    /// <summary>
    /// A reply that ends a command: SMTP's last line (a code and a space, RFC 5321 4.2), POP3's +OK/-ERR, IMAP's
    /// tagged OK/NO/BAD (RFC 9051 7.1). Anything else (an untagged "* " line, an unknown protocol's) ends nothing.
    /// </summary>
    static bool IsFinalReply(string text)
    {
        if (text.Length >= 3 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]))
            return text.Length == 3 || text[3] == ' ';
        if (text.StartsWith("+OK", StringComparison.Ordinal) || text.StartsWith("-ERR", StringComparison.Ordinal)) return true;
        var words = text.Split(' ', 3);
        return words.Length >= 2 && words[0] is not ("*" or "+" or "") && words[1].ToUpperInvariant() is "OK" or "NO" or "BAD";
    }

    /// <summary>
    /// The secret byte ranges (start, length) of one client line, without its line end. A line that starts
    /// with the rest of an IMAP literal (<see cref="LiteralLeft"/>) takes that many bytes as the literal.
    /// </summary>
    public List<(int Start, int Length)> ClientLine(byte[] line)
    {
        var secret = new List<(int, int)>();
        int at = 0;
        if (LiteralLeft > 0)
        {
            int n = Math.Min(LiteralLeft, line.Length);
            if (_literalSecret) secret.Add((0, n));
            LiteralLeft -= n;
            at = n;
            if (LiteralLeft > 0) return secret; // a long literal shown in pieces
            if (_loginArgument >= 0)
            {
                _loginArgument++;
                LoginArguments(line, at, secret);
            }
            else LiteralAtEnd(line, at);
            return secret;
        }
        if (_answersPrompt || _inSasl)
        {
            _answersPrompt = false;
            if (line.Length > 0) secret.Add((0, line.Length));
            return secret;
        }
        var words = Words(line, 4);
        string first = Word(line, words, 0), second = Word(line, words, 1);
        _idleSent = second == "IDLE" && words.Count == 2; // "tag IDLE" and nothing else; its DONE is no answer to a prompt
        if (first == "PASS") RestFrom(line, words, 1, secret);
        else if (first == "APOP") RestFrom(line, words, 2, secret);
        else if (first == "AUTH" && words.Count > 1)
        {
            _inSasl = true; // SMTP and POP3: the mechanism, then an initial response or challenges
            RestFrom(line, words, 2, secret);
        }
        else if (second == "AUTHENTICATE" && words.Count > 2)
        {
            _inSasl = true; // IMAP: tag AUTHENTICATE mechanism [initial response]
            RestFrom(line, words, 3, secret);
        }
        else if (second == "LOGIN" && words.Count > 2)
        {
            _loginArgument = 0; // IMAP: tag LOGIN user password
            LoginArguments(line, words[2].Start, secret);
        }
        else LiteralAtEnd(line, 0); // e.g. APPEND's message: data, not a credential
        return secret;
    }

    /// <summary>The line as a view shows it: each secret range replaced by ********; a wholly secret line says so.</summary>
    public static string Redact(byte[] line, List<(int Start, int Length)> secret)
    {
        if (secret.Count == 0) return Encoding.UTF8.GetString(line);
        if (secret.Count == 1 && secret[0].Start == 0 && secret[0].Length == line.Length) return Mask + " (redacted; --show-secrets shows it)";
        var text = new StringBuilder();
        int at = 0;
        foreach (var (start, length) in secret.OrderBy(s => s.Start))
        {
            if (start < at) continue;
            text.Append(Encoding.UTF8.GetString(line, at, start - at)).Append(Mask);
            at = start + length;
        }
        return text.Append(Encoding.UTF8.GetString(line, at, line.Length - at)).ToString();
    }

    /// <summary>
    /// IMAP LOGIN's arguments from <paramref name="at"/>: the user name is shown, everything after it is a
    /// secret (the password as atom, quoted string or literal, and whatever follows), except a literal's {n} marker.
    /// </summary>
    void LoginArguments(byte[] line, int at, List<(int, int)> secret)
    {
        int? marker = LiteralMarkerStart(line);
        while (true)
        {
            while (at < line.Length && line[at] == (byte)' ') at++;
            if (at >= line.Length) break;
            if (marker == at)
            {
                StartLiteral(line, at, secret: _loginArgument >= 1); // the argument's bytes come next
                return;
            }
            if (_loginArgument >= 1)
            {
                int end = marker > at ? marker.Value : line.Length;
                secret.Add((at, end - at));
                at = end;
                continue;
            }
            int next = ArgumentEnd(line, at);
            if (next < 0)
            {
                secret.Add((at, line.Length - at)); // an unterminated quoted string: nothing after it can be placed
                break;
            }
            _loginArgument++;
            at = next;
        }
        _loginArgument = -1;
    }

    /// <summary>Where an atom or a quoted string (with \" and \\ escapes) starting at <paramref name="at"/> ends; -1 if a quote is not closed.</summary>
    static int ArgumentEnd(byte[] line, int at)
    {
        if (line[at] != (byte)'"')
        {
            while (at < line.Length && line[at] != (byte)' ') at++;
            return at;
        }
        for (int i = at + 1; i < line.Length; i++)
        {
            if (line[i] == (byte)'\\') i++;
            else if (line[i] == (byte)'"') return i + 1;
        }
        return -1;
    }

    /// <summary>A literal marker at the line's end, at or after <paramref name="at"/>: its data is not read as lines.</summary>
    void LiteralAtEnd(byte[] line, int at)
    {
        if (LiteralMarkerStart(line) is int marker && marker >= at) StartLiteral(line, marker, secret: false);
    }

    /// <summary>
    /// The marker {n} or {n+} at <paramref name="marker"/> ends the line: the client's next n bytes are the
    /// literal's data (RFC 9051 4.3; {n+} is LITERAL+, RFC 7888, sent without waiting for the server's "+").
    /// </summary>
    void StartLiteral(byte[] line, int marker, bool secret)
    {
        int close = line.Length - 1;
        bool nonSynchronizing = line[close - 1] == (byte)'+';
        int digitsEnd = nonSynchronizing ? close - 1 : close;
        LiteralLeft = int.Parse(Encoding.ASCII.GetString(line, marker + 1, digitsEnd - marker - 1), System.Globalization.CultureInfo.InvariantCulture);
        _literalSecret = secret;
        _literalGoAhead = !nonSynchronizing;
    }

    /// <summary>The index of a "{digits}" or "{digits+}" that ends the line, else null.</summary>
    static int? LiteralMarkerStart(byte[] line)
    {
        int end = line.Length - 1;
        if (end < 2 || line[end] != (byte)'}') return null;
        int i = end - 1;
        if (line[i] == (byte)'+') i--;
        int digits = 0;
        while (i >= 0 && line[i] >= (byte)'0' && line[i] <= (byte)'9') { i--; digits++; }
        return digits > 0 && digits <= 9 && i >= 0 && line[i] == (byte)'{' ? i : null;
    }

    static void RestFrom(byte[] line, List<(int Start, int Length)> words, int word, List<(int, int)> secret)
    {
        if (words.Count > word) secret.Add((words[word].Start, line.Length - words[word].Start));
    }

    /// <summary>The first <paramref name="max"/> space-separated words' positions.</summary>
    static List<(int Start, int Length)> Words(byte[] line, int max)
    {
        var words = new List<(int, int)>();
        int i = 0;
        while (words.Count < max)
        {
            while (i < line.Length && line[i] == (byte)' ') i++;
            if (i >= line.Length) break;
            int start = i;
            while (i < line.Length && line[i] != (byte)' ') i++;
            words.Add((start, i - start));
        }
        return words;
    }

    static string Word(byte[] line, List<(int Start, int Length)> words, int index) =>
        index < words.Count && words[index].Length <= 16 ? Encoding.ASCII.GetString(line, words[index].Start, words[index].Length).ToUpperInvariant() : "";
}
