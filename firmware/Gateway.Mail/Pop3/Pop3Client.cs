using System;
using System.Collections;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Pop3;

/// <summary>
/// A POP3 client for a device (RFC 1939): greeting, CAPA (RFC 2449), STLS (RFC 2595), login by
/// USER/PASS, AUTH (RFC 5034, through the one <see cref="SaslExchange"/>) or APOP, then STAT, UIDL,
/// LIST, TOP, RETR, DELE, RSET, NOOP and QUIT, each a small method around one command. Working memory
/// is one line buffer and one write buffer (<see cref="Pop3Limits"/>); RETR and TOP stream the message
/// to an <see cref="ILineSink"/> a line at a time within a byte budget, so no message is ever held whole.
/// Two policies, each in one place: a step that establishes the session (<see cref="Establish"/>) closes
/// the connection on any failure; a transaction command (<see cref="Command"/>, <see cref="NextLine"/>)
/// keeps it only after an -ERR answer. Every failure is a <see cref="Pop3Exception"/>.
/// </summary>
public sealed partial class Pop3Client
{
    /// <summary>A log may show the whole command line: it holds no secret.</summary>
    const int WholeLine = int.MaxValue;

    readonly IConnector _connector;
    readonly Pop3Options _options;
    readonly ILog _log;
    IChannel? _channel;
    // Made once per client and lent to each connection: the device's working memory for POP3.
    readonly LineReader _lines;
    readonly LineWriter _writer = new LineWriter(Pop3Limits.WriteBuffer);
    readonly Pop3ReplyReader _replies;
    Pop3Sasl? _sasl; // made at the first SASL login, then kept
    Pop3Stage _stage;
    bool _awaitingReply; // a flush happened since the last status line: the next one ends a round trip
    string? _timestamp;

    public Pop3Client(IConnector connector, Pop3Options options, ILog? log = null) : this(connector, options, log, null)
    {
    }

    /// <param name="lines">A reader of at least <see cref="Pop3Limits.MaxLine"/> to share with a client that is never
    /// in a session at the same time (the device's loop shares one with its SMTP deliveries); null: its own.</param>
    public Pop3Client(IConnector connector, Pop3Options options, ILog? log, LineReader? lines)
    {
        _lines = lines ?? new LineReader(Pop3Limits.MaxLine);
        _connector = connector;
        _options = options;
        _log = log ?? NullLog.Instance;
        _replies = new Pop3ReplyReader(_lines);
    }

    /// <summary>What the last CAPA (and the greeting) offered.</summary>
    public Pop3Capabilities Capabilities { get; private set; }

    /// <summary>The greeting's text after "+OK", e.g. "Dovecot ready.".</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>CAPA LOGIN-DELAY (RFC 2449 6.5): the fewest seconds the server wants between logins, 0 if unsaid.</summary>
    public int LoginDelaySeconds { get; private set; }

    /// <summary>How the last login went in: "APOP", "USER/PASS" or "AUTH PLAIN" etc.; "" before one.</summary>
    public string LoginMethod { get; private set; } = "";

    /// <summary>The server's +OK to the last login, as it said it.</summary>
    public string LoginReply { get; private set; } = "";

    /// <summary>Times the client waited for the server: the measure that latency multiplies.</summary>
    public int RoundTrips { get; private set; }

    public bool IsConnected => _channel != null;

    public bool IsEncrypted => _channel != null && _channel.IsEncrypted;

    /// <summary>True once the server accepted the login (TRANSACTION state).</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>
    /// Connects, reads the greeting, asks CAPA, upgrades with STLS and logs in, as configured: the steps
    /// below in order. Any failure here, an -ERR included, closes the connection: a session is never
    /// handed out half-established.
    /// </summary>
    public void Connect()
    {
        Open();
        AskCapabilities();
        if (_options.Tls == TlsMode.StartTls)
            StartTls();
        if (_options.User != null)
            LogIn();
    }

    /// <summary>Connects and reads the greeting (and its APOP timestamp).</summary>
    public void Open()
    {
        if (_channel != null)
            throw new InvalidOperationException("already connected");
        _stage = Pop3Stage.Connect;
        RoundTrips = 0;
        try
        {
            _channel = _connector.Connect(_options.Host, _options.Port, _options.Tls, _options.TimeoutMs);
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        _lines.Attach(_channel);
        _writer.Attach(_channel);
        Establish(Pop3Stage.Greeting);
    }

    /// <summary>CAPA: what the server offers (<see cref="Capabilities"/>); an -ERR means an RFC 1939-only server.</summary>
    public void AskCapabilities() => Establish(Pop3Stage.Capa);

    /// <summary>STLS (RFC 2595), then CAPA again: refused, never skipped, when the server does not offer it.</summary>
    public void StartTls() => Establish(Pop3Stage.Stls);

    /// <summary>Logs in as configured: XOAUTH2 for a token, APOP when asked and offered, else SASL PLAIN, USER/PASS or SASL LOGIN.</summary>
    public void LogIn() => Establish(Pop3Stage.Auth);

    /// <summary>STAT: how many messages the maildrop holds and their size.</summary>
    public Pop3Stat Stat()
    {
        var r = Command(Pop3Stage.Stat, "STAT");
        return Pop3Fields.ParseStat(r.Text) ?? throw Malformed(r.Text);
    }

    /// <summary>
    /// UIDL: the unique-id of each message, the first <paramref name="maxEntries"/> (lowest numbers).
    /// Lines beyond are read and dropped, so the session stays usable; STAT says how many there are.
    /// </summary>
    public Pop3UidEntry[] ListUids(int maxEntries)
    {
        CheckMax(maxEntries);
        Command(Pop3Stage.Uidl, "UIDL");
        return (Pop3UidEntry[])ReadList(maxEntries, true).ToArray(typeof(Pop3UidEntry));
    }

    /// <summary>UIDL n: the unique-id of one message.</summary>
    public string Uid(int number)
    {
        CheckNumber(number);
        var r = Command(Pop3Stage.Uidl, "UIDL " + Ascii.FromInt(number));
        var entry = Pop3Fields.ParseUidEntry(r.Text);
        if (entry == null || entry.Number != number)
            throw Malformed(r.Text);
        return entry.Uid;
    }

    /// <summary>LIST: the size of each message, the first <paramref name="maxEntries"/>; the rest as in <see cref="ListUids"/>.</summary>
    public Pop3ListEntry[] ListSizes(int maxEntries)
    {
        CheckMax(maxEntries);
        Command(Pop3Stage.List, "LIST");
        return (Pop3ListEntry[])ReadList(maxEntries, false).ToArray(typeof(Pop3ListEntry));
    }

    /// <summary>LIST n: the size of one message in octets.</summary>
    public long Size(int number)
    {
        CheckNumber(number);
        var r = Command(Pop3Stage.List, "LIST " + Ascii.FromInt(number));
        var entry = Pop3Fields.ParseListEntry(r.Text);
        if (entry == null || entry.Number != number)
            throw Malformed(r.Text);
        return entry.Size;
    }

    /// <summary>
    /// TOP n lines (RFC 1939 7): the header and the first <paramref name="bodyLines"/> lines of the body
    /// (0: headers only) streamed to <paramref name="sink"/>, as <see cref="Retrieve"/> does.
    /// </summary>
    /// <returns>The bytes delivered, counting CRLF after each line.</returns>
    public long Top(int number, int bodyLines, ILineSink sink, long maxBytes)
    {
        CheckNumber(number);
        if (bodyLines < 0)
            throw new ArgumentOutOfRangeException(nameof(bodyLines));
        return Transfer(Pop3Stage.Top, "TOP " + Ascii.FromInt(number) + " " + Ascii.FromInt(bodyLines), number, sink, maxBytes);
    }

    /// <summary>
    /// RETR n: the whole message streamed to <paramref name="sink"/> a line at a time, dot-unstuffed. When
    /// it would pass <paramref name="maxBytes"/> (lines plus CRLF), or a line does not fit the line buffer,
    /// the client stops reading, closes the connection (the rest is still on the wire; DELEs of this
    /// session are not committed) and throws <see cref="Pop3ErrorKind.Limit"/>.
    /// </summary>
    /// <returns>The bytes delivered, counting CRLF after each line: the message's size.</returns>
    public long Retrieve(int number, ILineSink sink, long maxBytes)
    {
        CheckNumber(number);
        return Transfer(Pop3Stage.Retr, "RETR " + Ascii.FromInt(number), number, sink, maxBytes);
    }

    /// <summary>DELE n: marks a message; the server removes it only at a successful <see cref="Quit"/>.</summary>
    public void Delete(int number)
    {
        CheckNumber(number);
        Command(Pop3Stage.Dele, "DELE " + Ascii.FromInt(number));
    }

    /// <summary>RSET: unmarks every message marked for deletion in this session.</summary>
    public void Reset() => Command(Pop3Stage.Rset, "RSET");

    /// <summary>NOOP: proves the session is alive.</summary>
    public void Noop() => Command(Pop3Stage.Noop, "NOOP");

    /// <summary>
    /// QUIT and close. Never throws: returns true only when the server answered +OK, which after a login
    /// means the messages marked with DELE are gone (RFC 1939 6); false means they may still be there.
    /// </summary>
    public bool Quit()
    {
        if (_channel == null)
            return false;
        _stage = Pop3Stage.Quit;
        bool ok = false;
        try
        {
            var r = Exchange("QUIT", WholeLine);
            ok = r.IsOk;
            if (!ok)
                _log.Write(LogLevel.Warning, "POP3 QUIT refused: " + r.ToString());
        }
        catch (Pop3Exception e)
        {
            _log.Write(LogLevel.Warning, "POP3 QUIT: " + e.Message);
        }
        Close();
        return ok;
    }

    /// <summary>Drops the connection without QUIT: nothing marked with DELE is removed.</summary>
    public void Close()
    {
        var ch = _channel;
        _channel = null;
        IsAuthenticated = false;
        Channels.CloseQuietly(ch);
    }

    long Transfer(Pop3Stage stage, string command, int number, ILineSink sink, long maxBytes)
    {
        Command(stage, command);
        long total = 0;
        int lines = 0;
        bool complete = false;
        try
        {
            while (NextMessageLine(number))
            {
                total += _replies.LineLength + 2;
                if (total > maxBytes)
                    throw Broken(Pop3ErrorKind.Limit, Pop3Exception.StageName(stage) + " " + Ascii.FromInt(number)
                        + ": the message is larger than the limit of " + Ascii.FromInt(maxBytes) + " bytes; the connection was closed");
                lines++;
                sink.Line(_replies.Buffer, _replies.LineStart, _replies.LineLength);
            }
            complete = true;
        }
        finally
        {
            // Whatever stopped the reading in the middle (a limit, the sink, the connection), the rest
            // of the message is still on the wire: the session cannot go on.
            if (!complete)
                Close();
        }
        if (Logging) LogDebug("S: <" + Ascii.FromInt(total) + " bytes in " + Ascii.FromInt(lines) + " lines>");
        if (Logging) LogDebug("S: .");
        return total;
    }

    /// <summary>Reads a UIDL or LIST body: keeps the first <paramref name="max"/> entries, reads and drops the rest.</summary>
    ArrayList ReadList(int max, bool uids)
    {
        var entries = new ArrayList();
        int lines = 0;
        while (NextLine())
        {
            if (++lines > Pop3Limits.MaxListLines)
                throw Broken(Pop3ErrorKind.Protocol, Pop3Exception.StageName(_stage) + ": response longer than " + Ascii.FromInt(Pop3Limits.MaxListLines) + " lines");
            if (entries.Count >= max)
                continue;
            string line = _replies.LineText;
            object? entry = uids ? Pop3Fields.ParseUidEntry(line) : Pop3Fields.ParseListEntry(line);
            if (entry == null)
                throw Malformed(line);
            entries.Add(entry);
        }
        if (Logging) LogDebug("S: <" + Ascii.FromInt(lines) + " lines>");
        return entries;
    }

    /// <summary>
    /// The command helper of the transaction steps: sends one command and returns its +OK. An -ERR is
    /// thrown and leaves the session usable; every other failure has closed it (<see cref="Exchange"/>).
    /// </summary>
    Pop3Response Command(Pop3Stage stage, string command)
    {
        if (_channel == null)
            throw new InvalidOperationException("not connected");
        _stage = stage;
        var r = Exchange(command, WholeLine);
        if (!r.IsOk)
            throw new Pop3Exception(stage, r);
        return r;
    }

    /// <summary>Sends a command and reads its status line; a failure other than an answer closes the connection.</summary>
    /// <param name="shown">How much of the command a log shows (the rest is a secret).</param>
    Pop3Response Exchange(string command, int shown)
    {
        Send(command, shown);
        return ReadStatus();
    }

    void Send(string line, int shown)
    {
        if (Logging) LogDebug("C: " + SaslExchange.Shown(line, shown));
        try
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        _awaitingReply = true;
    }

    Pop3Response ReadStatus()
    {
        Pop3Response r;
        try
        {
            r = _replies.ReadStatus(_stage);
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception)
        {
            Close();
            throw;
        }
        CountRoundTrip();
        if (Logging) LogDebug("S: " + r.ToString());
        return r;
    }

    /// <summary>The next line of a multi-line answer that is not a message; false at its end. A failure closes the connection.</summary>
    bool NextLine() => NextLine(false, 0);

    bool NextMessageLine(int number) => NextLine(true, number);

    bool NextLine(bool message, int number)
    {
        try
        {
            return message ? _replies.ReadMessageLine(_stage, number) : _replies.ReadBodyLine(_stage);
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception)
        {
            Close();
            throw;
        }
    }

    void CountRoundTrip()
    {
        if (_awaitingReply)
        {
            RoundTrips++;
            _awaitingReply = false;
        }
    }

    bool Has(Pop3Capabilities c) => (Capabilities & c) == c;

    Pop3Exception Malformed(string text) =>
        Broken(Pop3ErrorKind.Protocol, Pop3Exception.StageName(_stage) + ": malformed response: \"" + Ascii.Excerpt(text, 80) + "\"");

    /// <summary>A failure that is not the server's answer: the session cannot go on, so it is closed.</summary>
    Pop3Exception Broken(Pop3ErrorKind kind, string message)
    {
        Close();
        return new Pop3Exception(kind, _stage, message);
    }

    Pop3Exception Lost(ChannelException e)
    {
        Close();
        return Translate(e);
    }

    Pop3Exception Translate(ChannelException e)
    {
        var kind = e.Error == ChannelError.CertificateRejected || e.Error == ChannelError.TlsFailed
            ? Pop3ErrorKind.Security
            : Pop3ErrorKind.Transient;
        return new Pop3Exception(kind, _stage, Pop3Exception.StageName(_stage) + ": " + e.Message, e);
    }

    void LogDebug(string text)
    {
        _log.Write(LogLevel.Debug, text);
    }

    /// <summary>Transcript lines are built only when someone reads them: a device polls often.</summary>
    bool Logging => _log.IsEnabled(LogLevel.Debug);

    static void CheckNumber(int number)
    {
        if (number < 1)
            throw new ArgumentOutOfRangeException(nameof(number), "message numbers start at 1");
    }

    static void CheckMax(int max)
    {
        if (max < 1 || max > Pop3Limits.MaxListed)
            throw new ArgumentOutOfRangeException(nameof(max), "1 to " + Ascii.FromInt(Pop3Limits.MaxListed));
    }
}
