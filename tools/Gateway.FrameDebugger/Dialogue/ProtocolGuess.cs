namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// Names a connection's protocol from what it says, the server's port only as a hint: mail servers listen
/// on many ports (587, 2525, 1025, 1143, 10143...), and the protocol is in the first lines. A greeting
/// names a candidate (220 SMTP, +OK POP3, "* OK"/"* PREAUTH" IMAP) and the client's first command
/// confirms it (EHLO/HELO; USER/CAPA/APOP/STLS; a tagged IMAP command); a TLS record first is TLS.
/// <see cref="Evidence"/> says what decided it, for people and the JSON.
/// </summary>
public sealed class ProtocolGuess
{
    public const string Smtp = "SMTP", Pop3 = "POP3", Imap = "IMAP", Tls = "TLS", Tcp = "TCP";

    /// <summary>The IANA ports of the three protocols, with and without TLS (RFC 8314): hints only.</summary>
    static readonly Dictionary<int, string> WellKnown = new()
    {
        [25] = Smtp, [465] = Smtp, [587] = Smtp, [110] = Pop3, [995] = Pop3, [143] = Imap, [993] = Imap,
    };

    static readonly HashSet<string> SmtpCommands = ["EHLO", "HELO", "LHLO", "MAIL", "RCPT"];
    static readonly HashSet<string> Pop3Commands = ["USER", "CAPA", "APOP", "STLS", "UIDL", "RETR", "STAT", "TOP"];
    static readonly HashSet<string> ImapCommands = ["CAPABILITY", "LOGIN", "AUTHENTICATE", "STARTTLS", "NOOP", "LOGOUT", "ID", "ENABLE", "SELECT", "EXAMINE", "LIST", "IDLE", "UID", "FETCH", "SEARCH", "STATUS", "APPEND"];

    /// <summary>Client lines looked at before the guess stops changing (a greeting not confirmed by then stays as it is).</summary>
    const int CommandsToRead = 4;

    readonly int _port;
    readonly string? _hint;
    string? _greeting, _greetingText;
    int _commandsRead, _serverLines;

    public ProtocolGuess(int serverPort)
    {
        _port = serverPort;
        _hint = WellKnown.GetValueOrDefault(serverPort);
        Protocol = _hint ?? Tcp;
        Evidence = _hint is null ? "nothing recognisable said yet" : $"port {serverPort} only (a hint; nothing said yet)";
    }

    /// <summary>"SMTP", "POP3", "IMAP", "TLS" (encrypted from the start, nothing to read) or "TCP" (not recognised).</summary>
    public string Protocol { get; private set; }
    /// <summary>What decided <see cref="Protocol"/>, e.g. "server greeting \"* OK\", then tagged command LOGIN".</summary>
    public string Evidence { get; private set; }
    /// <summary>The conversation settled it: later lines do not change it.</summary>
    public bool Decided { get; private set; }

    public static bool IsWellKnown(int port) => WellKnown.ContainsKey(port);

    /// <summary>The connection's first bytes (either side) are a TLS record: RFC 8446 5.1, type 20-23, version 3.x.</summary>
    public static bool IsTlsRecord(ReadOnlySpan<byte> data) => data.Length >= 5 && data[0] >= 20 && data[0] <= 23 && data[1] == 3 && data[2] <= 4;

    public void TlsFirst(ReadOnlySpan<byte> data)
    {
        if (Decided) return;
        Decided = true;
        string what = data[0] == 22 && data.Length > 5 && data[5] == 1 ? "TLS ClientHello" : "TLS records";
        Protocol = _hint ?? Tls;
        Evidence = _hint is null ? $"{what} first (encrypted from the start)" : $"{what} first; {_hint} inside by port {_port} (a hint)";
    }

    public void ServerLine(string text)
    {
        if (Decided || _serverLines++ > 0) return; // only the greeting names a candidate
        _greeting = text.StartsWith("220", StringComparison.Ordinal) ? Smtp
            : text.StartsWith("+OK", StringComparison.Ordinal) ? Pop3
            : text.StartsWith("* OK", StringComparison.OrdinalIgnoreCase) || text.StartsWith("* PREAUTH", StringComparison.OrdinalIgnoreCase) ? Imap
            : null;
        if (_greeting is null) return;
        _greetingText = _greeting == Smtp ? "220" : _greeting == Pop3 ? "+OK" : text[..(text.StartsWith("* OK", StringComparison.OrdinalIgnoreCase) ? 4 : 9)];
        Protocol = _greeting;
        Evidence = $"server greeting \"{_greetingText}\" (no client command confirmed it)";
    }

    public void ClientLine(string text)
    {
        if (Decided || text.Length == 0) return;
        var words = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        string first = words.Length > 0 ? words[0].ToUpperInvariant() : "", second = words.Length > 1 ? words[1].ToUpperInvariant() : "";
        string? said = null, command = null;
        if (first is "AUTH" or "QUIT" && _greeting is Smtp or Pop3) (said, command) = (_greeting, "command " + first); // both protocols have them
        else if (SmtpCommands.Contains(first)) (said, command) = (Smtp, "command " + first);
        else if (Pop3Commands.Contains(first)) (said, command) = (Pop3, "command " + first);
        else if (ImapCommands.Contains(second) && IsTag(words[0])) (said, command) = (Imap, "tagged command " + second);
        if (said is null)
        {
            if (++_commandsRead >= CommandsToRead) Decided = true;
            return;
        }
        Decided = true;
        if (_greeting is null)
        {
            Protocol = said;
            Evidence = $"client {command} (no greeting captured)";
        }
        else if (_greeting == said)
            Evidence = $"server greeting \"{_greetingText}\", then client {command}";
        else
        {
            Protocol = Tcp;
            Evidence = $"server greeting \"{_greetingText}\" ({_greeting}) but client {command} ({said}): not recognised";
        }
    }

    static bool IsCommandWord(string upper) =>
        ImapCommands.Contains(upper) || SmtpCommands.Contains(upper) || Pop3Commands.Contains(upper) || upper is "AUTH" or "QUIT";

    /// <summary>An IMAP tag: an atom, not itself a command word (RFC 9051 9: tag = 1*&lt;any ASTRING-CHAR except "+"&gt;).</summary>
    static bool IsTag(string word) =>
        word.Length <= 32 && !IsCommandWord(word.ToUpperInvariant()) && word.All(ch => ch > ' ' && ch < 0x7f && ch != '+' && ch != '(' && ch != ')' && ch != '{' && ch != '"' && ch != '%' && ch != '*' && ch != '\\');
}
