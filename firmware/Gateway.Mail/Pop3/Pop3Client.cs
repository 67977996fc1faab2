using System.Collections;
using System;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Pop3;

/// <summary>
/// A POP3 client for a device (RFC 1939): greeting, CAPA (RFC 2449), STLS (RFC 2595), login by
/// USER/PASS, AUTH (RFC 5034: PLAIN, LOGIN, XOAUTH2) or APOP, then STAT, UIDL, LIST, TOP, RETR, DELE,
/// RSET, NOOP and QUIT, each a small method around one command. Working memory is one line buffer and
/// one write buffer (<see cref="Pop3Limits"/>); RETR and TOP stream the message to an
/// <see cref="ILineSink"/> a line at a time within a byte budget, so no message is ever held whole.
/// Every failure is a <see cref="Pop3Exception"/>; only an -ERR answer leaves the session usable.
/// </summary>
public sealed class Pop3Client
{
    const string Mask = "********";

    readonly IConnector _connector;
    readonly Pop3Options _options;
    readonly ILog _log;
    IChannel? _channel;
    // Made once per client and lent to each connection: the device's working memory for POP3.
    readonly LineReader _lines;
    readonly LineWriter _writer = new LineWriter(Pop3Limits.WriteBuffer);
    readonly DotReader _dots;
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
        _dots = new DotReader(_lines);
    }

    /// <summary>What the last CAPA (and the greeting) offered.</summary>
    public Pop3Capabilities Capabilities { get; private set; }

    /// <summary>The greeting's text after "+OK", e.g. "Dovecot ready.".</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>CAPA LOGIN-DELAY (RFC 2449 6.5): the fewest seconds the server wants between logins, 0 if unsaid.</summary>
    public int LoginDelaySeconds { get; private set; }

    /// <summary>Times the client waited for the server: the measure that latency multiplies.</summary>
    public int RoundTrips { get; private set; }

    public bool IsConnected => _channel != null;

    public bool IsEncrypted => _channel != null && _channel.IsEncrypted;

    /// <summary>True once the server accepted the login (TRANSACTION state).</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>
    /// Connects, reads the greeting, asks CAPA, upgrades with STLS and logs in, as configured. Any failure
    /// here, an -ERR included, closes the connection: a session is never handed out half-established.
    /// </summary>
    public void Connect()
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
        bool done = false;
        try
        {
            if (_options.Tls == TlsMode.Implicit && !_channel.IsEncrypted)
                throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Connect, "connect: pop3.tls = implicit but the connection is not encrypted");
            _stage = Pop3Stage.Greeting;
            _awaitingReply = true;
            var greeting = ReadStatus();
            if (!greeting.IsOk)
                throw new Pop3Exception(Pop3Stage.Greeting, greeting);
            Greeting = greeting.Text;
            _timestamp = Apop.FindTimestamp(greeting.Text);

            Capa();
            if (_options.Tls == TlsMode.StartTls)
                Stls();
            if (_options.User != null)
                Login();
            done = true;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            // A session that did not reach its configured state is never handed out half-done.
            if (!done)
                Close();
        }
    }

    /// <summary>STAT: how many messages the maildrop holds and their size.</summary>
    public Pop3Stat Stat()
    {
        Begin(Pop3Stage.Stat);
        try
        {
            var r = Expect("STAT");
            int pos = 0;
            string? count = Token(r.Text, ref pos), size = Token(r.Text, ref pos);
            if (count == null || size == null || !Ascii.TryParseInt(count, out int n) || !TryParseLong(size, out long octets))
                throw Malformed(r.Text);
            return new Pop3Stat(n, octets);
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
    }

    /// <summary>
    /// UIDL: the unique-id of each message, the first <paramref name="maxEntries"/> (lowest numbers).
    /// Lines beyond are read and dropped, so the session stays usable; STAT says how many there are.
    /// </summary>
    public Pop3UidEntry[] ListUids(int maxEntries)
    {
        CheckMax(maxEntries);
        Begin(Pop3Stage.Uidl);
        try
        {
            Expect("UIDL");
            var entries = new ArrayList();
            int lines = ReadList(entries, maxEntries, true);
            if (Logging) LogDebug("S: <" + Ascii.FromInt(lines) + " lines>");
            return (Pop3UidEntry[])entries.ToArray(typeof(Pop3UidEntry));
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
    }

    /// <summary>UIDL n: the unique-id of one message.</summary>
    public string Uid(int number)
    {
        CheckNumber(number);
        Begin(Pop3Stage.Uidl);
        try
        {
            var r = Expect("UIDL " + Ascii.FromInt(number));
            var entry = ParseUidEntry(r.Text);
            if (entry == null || entry.Number != number)
                throw Malformed(r.Text);
            return entry.Uid;
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
    }

    /// <summary>LIST: the size of each message, the first <paramref name="maxEntries"/>; the rest as in <see cref="ListUids"/>.</summary>
    public Pop3ListEntry[] ListSizes(int maxEntries)
    {
        CheckMax(maxEntries);
        Begin(Pop3Stage.List);
        try
        {
            Expect("LIST");
            var entries = new ArrayList();
            int lines = ReadList(entries, maxEntries, false);
            if (Logging) LogDebug("S: <" + Ascii.FromInt(lines) + " lines>");
            return (Pop3ListEntry[])entries.ToArray(typeof(Pop3ListEntry));
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
    }

    /// <summary>LIST n: the size of one message in octets.</summary>
    public long Size(int number)
    {
        CheckNumber(number);
        Begin(Pop3Stage.List);
        try
        {
            var r = Expect("LIST " + Ascii.FromInt(number));
            var entry = ParseListEntry(r.Text);
            if (entry == null || entry.Number != number)
                throw Malformed(r.Text);
            return entry.Size;
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
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
        Simple(Pop3Stage.Dele, "DELE " + Ascii.FromInt(number));
    }

    /// <summary>RSET: unmarks every message marked for deletion in this session.</summary>
    public void Reset() => Simple(Pop3Stage.Rset, "RSET");

    /// <summary>NOOP: proves the session is alive.</summary>
    public void Noop() => Simple(Pop3Stage.Noop, "NOOP");

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
            var r = Exchange("QUIT", null);
            ok = r.IsOk;
            if (!ok)
                _log.Write(LogLevel.Warning, "POP3 QUIT refused: " + r.ToString());
        }
        catch (ChannelException e)
        {
            _log.Write(LogLevel.Warning, "POP3 QUIT: " + e.Message);
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
        if (ch != null)
        {
            try
            {
                ch.Close();
            }
            catch (ChannelException)
            {
                // Already gone.
            }
        }
    }

    void Capa()
    {
        _stage = Pop3Stage.Capa;
        var r = Exchange("CAPA", null);
        var caps = Pop3Capabilities.None;
        LoginDelaySeconds = 0;
        if (!r.IsOk)
        {
            caps = Pop3Capabilities.NoCapa; // RFC 1939 only: USER/PASS may still work, nothing else is known
        }
        else
        {
            int count = 0;
            while (ReadBodyLine())
            {
                if (++count > Pop3Limits.MaxCapaLines)
                    throw new Pop3Exception(Pop3ErrorKind.Protocol, Pop3Stage.Capa, "CAPA: response longer than " + Ascii.FromInt(Pop3Limits.MaxCapaLines) + " lines");
                string line = _dots.LineText;
                if (Logging) LogDebug("S: " + Ascii.Excerpt(line, 200));
                caps |= Capability(line);
            }
            if (Logging) LogDebug("S: .");
        }
        if (_timestamp != null)
            caps |= Pop3Capabilities.Apop;
        Capabilities = caps;
    }

    /// <summary>One CAPA line (RFC 2449 6): a tag and its arguments.</summary>
    Pop3Capabilities Capability(string line)
    {
        int pos = 0;
        string? tag = Token(line, ref pos);
        if (tag == null) return Pop3Capabilities.None;
        tag = Ascii.ToUpper(tag);
        switch (tag)
        {
            case "TOP": return Pop3Capabilities.Top;
            case "USER": return Pop3Capabilities.User;
            case "UIDL": return Pop3Capabilities.Uidl;
            case "STLS": return Pop3Capabilities.Stls;
            case "PIPELINING": return Pop3Capabilities.Pipelining;
            case "RESP-CODES": return Pop3Capabilities.RespCodes;
            case "AUTH-RESP-CODE": return Pop3Capabilities.AuthRespCode;
            case "EXPIRE": return Pop3Capabilities.Expire;
            case "UTF8": return Pop3Capabilities.Utf8;
            case "LOGIN-DELAY":
                string? seconds = Token(line, ref pos);
                if (seconds != null && Ascii.TryParseInt(seconds, out int s))
                    LoginDelaySeconds = s;
                return Pop3Capabilities.LoginDelay;
            case "SASL":
                var caps = Pop3Capabilities.Sasl;
                for (string? m = Token(line, ref pos); m != null; m = Token(line, ref pos))
                {
                    if (Ascii.EqualsIgnoreCase(m, "PLAIN")) caps |= Pop3Capabilities.SaslPlain;
                    else if (Ascii.EqualsIgnoreCase(m, "LOGIN")) caps |= Pop3Capabilities.SaslLogin;
                    else if (Ascii.EqualsIgnoreCase(m, "XOAUTH2")) caps |= Pop3Capabilities.SaslXOAuth2;
                    else caps |= Pop3Capabilities.SaslOther;
                }
                return caps;
            default:
                return Pop3Capabilities.None;
        }
    }

    void Stls()
    {
        _stage = Pop3Stage.Stls;
        if (!Has(Pop3Capabilities.Stls))
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Stls,
                "STLS: the server does not offer STLS" + (Has(Pop3Capabilities.NoCapa) ? " (it does not even answer CAPA)" : "")
                + ", and pop3.tls = starttls: not continuing in clear");
        var r = Exchange("STLS", null);
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Stls, r);
        if (_lines.Buffered != 0)
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Stls,
                "STLS: the server sent data after agreeing to STLS; it could be injected by an attacker (RFC 2595 section 4)");
        _channel!.StartTls(_options.Host);
        if (!_channel.IsEncrypted)
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Stls, "STLS: the connection is still not encrypted");
        // RFC 2595 4: forget what was learned in clear and ask again.
        Capabilities = Pop3Capabilities.None;
        Capa();
    }

    void Login()
    {
        _stage = Pop3Stage.Auth;
        string user = _options.User!;
        if (_options.Token != null)
        {
            RequireSecureLogin();
            if (!Has(Pop3Capabilities.SaslXOAuth2))
                throw new Pop3Exception(Pop3ErrorKind.Permanent, Pop3Stage.Auth, "login: pop3.token is set but the server does not offer SASL XOAUTH2");
            Sasl(new SaslXOAuth2(user, _options.Token));
        }
        else if (_options.UseApop && _timestamp != null)
        {
            string digest = Apop.Digest(_timestamp, _options.Password ?? "");
            var r = Exchange("APOP " + user + " " + digest, "C: APOP " + user + " " + Mask);
            if (!r.IsOk)
                throw new Pop3Exception(Pop3Stage.Auth, r);
        }
        else
        {
            RequireSecureLogin();
            string password = _options.Password ?? "";
            bool userPass = Has(Pop3Capabilities.User) || Has(Pop3Capabilities.NoCapa);
            if (Has(Pop3Capabilities.SaslPlain) && !(_options.PreferUserPass && userPass))
                Sasl(new SaslPlain(user, password));
            else if (userPass)
                UserPass(user, password);
            else if (Has(Pop3Capabilities.SaslLogin))
                Sasl(new SaslLogin(user, password));
            else
                throw new Pop3Exception(Pop3ErrorKind.Permanent, Pop3Stage.Auth,
                    "login: the server offers neither USER nor SASL PLAIN or LOGIN" + (_channel!.IsEncrypted ? "" : " on a clear connection"));
        }
        IsAuthenticated = true;
    }

    void RequireSecureLogin()
    {
        if (!_channel!.IsEncrypted && !(_options.Tls == TlsMode.None && _options.AllowPlainAuth))
            throw new Pop3Exception(Pop3ErrorKind.Security, Pop3Stage.Auth,
                "login: refusing to send credentials over a clear connection (use pop3.tls = starttls or implicit; only a test server may have pop3.tls = none with pop3.allow-plain-auth = true)");
    }

    void UserPass(string user, string password)
    {
        var r = Exchange("USER " + user, null);
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Auth, r);
        r = Exchange("PASS " + password, "C: PASS " + Mask);
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Auth, r);
    }

    /// <summary>RFC 5034: AUTH with the initial response when the command stays within 255 octets, then challenges.</summary>
    void Sasl(ISaslMechanism mechanism)
    {
        string? initial = mechanism.InitialResponse();
        string command = "AUTH " + mechanism.Name;
        string? deferred = null; // RFC 5034 4: too long for the command line, so it answers the first (empty) challenge
        if (initial != null)
        {
            string argument = initial.Length == 0 ? "=" : initial;
            if (command.Length + 1 + argument.Length + 2 <= Pop3Limits.MaxCommandLine)
                command += " " + argument;
            else
                deferred = initial;
        }
        if (Logging) LogDebug("C: AUTH " + mechanism.Name + (initial != null && deferred == null ? " " + Mask : ""));
        _writer.WriteLine(command);
        Flush();
        var r = ReadAuthReply(out string challenge);
        for (int challenges = 0; r == null; challenges++)
        {
            string answer;
            if (deferred != null)
            {
                answer = deferred;
                deferred = null;
            }
            else
            {
                try
                {
                    if (challenges >= Pop3Limits.MaxSaslChallenges)
                        throw new SaslException("the server sent more than " + Ascii.FromInt(Pop3Limits.MaxSaslChallenges) + " challenges");
                    answer = mechanism.Respond(challenge);
                }
                catch (SaslException e)
                {
                    if (Logging) LogDebug("C: *");
                    _writer.WriteLine("*"); // RFC 5034 4: cancel the exchange
                    Flush();
                    ReadAuthReply(out challenge);
                    throw new Pop3Exception(Pop3ErrorKind.Protocol, Pop3Stage.Auth, "login: AUTH " + mechanism.Name + ": " + e.Message);
                }
            }
            if (Logging) LogDebug("C: " + Mask);
            _writer.WriteLine(answer);
            Flush();
            r = ReadAuthReply(out challenge);
        }
        if (!r.IsOk)
            throw new Pop3Exception(Pop3Stage.Auth, r);
    }

    /// <summary>A status line, or null for a continuation "+ challenge" (RFC 5034 4), whose text is put in <paramref name="challenge"/>.</summary>
    Pop3Response? ReadAuthReply(out string challenge)
    {
        ReadLineOrFail();
        byte[] b = _lines.Buffer;
        int start = _lines.LineStart, length = _lines.LineLength;
        CountRoundTrip();
        if (length > 0 && b[start] == (byte)'+' && (length == 1 || b[start + 1] == (byte)' '))
        {
            challenge = length > 2 ? Ascii.TrimBlanks(Utf8.Decode(b, start + 2, length - 2)) : "";
            if (Logging) LogDebug("S: + " + Ascii.Excerpt(challenge, 200));
            return null;
        }
        challenge = "";
        return ParseStatus();
    }

    long Transfer(Pop3Stage stage, string command, int number, ILineSink sink, long maxBytes)
    {
        Begin(stage);
        try
        {
            Expect(command);
            long total = 0;
            int lines = 0;
            bool complete = false;
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = _dots.ReadLine();
                    }
                    catch (LineTooLongException e)
                    {
                        throw new Pop3Exception(Pop3ErrorKind.Limit, stage, Pop3Exception.StageName(stage) + " " + Ascii.FromInt(number)
                            + ": a line of the message is longer than " + Ascii.FromInt(e.Limit) + " bytes; the connection was closed", e);
                    }
                    if (!more)
                        break;
                    total += _dots.LineLength + 2;
                    if (total > maxBytes)
                        throw new Pop3Exception(Pop3ErrorKind.Limit, stage, Pop3Exception.StageName(stage) + " " + Ascii.FromInt(number)
                            + ": the message is larger than the limit of " + Ascii.FromInt(maxBytes) + " bytes; the connection was closed");
                    lines++;
                    sink.Line(_dots.Buffer, _dots.LineStart, _dots.LineLength);
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
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
    }

    /// <summary>Reads a UIDL or LIST body: keeps the first <paramref name="max"/> entries, reads and drops the rest.</summary>
    int ReadList(ArrayList entries, int max, bool uids)
    {
        int lines = 0;
        while (ReadBodyLine())
        {
            if (++lines > Pop3Limits.MaxListLines)
                throw new Pop3Exception(Pop3ErrorKind.Protocol, _stage,
                    Pop3Exception.StageName(_stage) + ": response longer than " + Ascii.FromInt(Pop3Limits.MaxListLines) + " lines");
            if (entries.Count >= max)
                continue;
            string line = _dots.LineText;
            object? entry = uids ? ParseUidEntry(line) : ParseListEntry(line);
            if (entry == null)
                throw Malformed(line);
            entries.Add(entry);
        }
        return lines;
    }

    /// <summary>"n unique-id" (RFC 1939 7).</summary>
    static Pop3UidEntry? ParseUidEntry(string text)
    {
        int pos = 0;
        string? number = Token(text, ref pos), uid = Token(text, ref pos);
        if (number == null || uid == null || !Ascii.TryParseInt(number, out int n) || n < 1 || uid.Length > Pop3Limits.MaxUidLength)
            return null;
        for (int i = 0; i < uid.Length; i++)
            if (uid[i] < 0x21 || uid[i] > 0x7E)
                return null;
        return new Pop3UidEntry(n, uid);
    }

    /// <summary>"n octets" (RFC 1939 5); anything after is ignored, as the RFC allows.</summary>
    static Pop3ListEntry? ParseListEntry(string text)
    {
        int pos = 0;
        string? number = Token(text, ref pos), size = Token(text, ref pos);
        if (number == null || size == null || !Ascii.TryParseInt(number, out int n) || n < 1 || !TryParseLong(size, out long octets))
            return null;
        return new Pop3ListEntry(n, octets);
    }

    void Simple(Pop3Stage stage, string command)
    {
        Begin(stage);
        try
        {
            Expect(command);
        }
        catch (ChannelException e)
        {
            throw Lost(e);
        }
        catch (Pop3Exception e)
        {
            EndUnlessAnswered(e);
            throw;
        }
    }

    void Begin(Pop3Stage stage)
    {
        if (_channel == null)
            throw new InvalidOperationException("not connected");
        _stage = stage;
    }

    /// <summary>Sends a command and returns its +OK, or throws its -ERR.</summary>
    Pop3Response Expect(string command)
    {
        var r = Exchange(command, null);
        if (!r.IsOk)
            throw new Pop3Exception(_stage, r);
        return r;
    }

    /// <param name="logLine">What the log shows instead of the command (a masked secret), or null for the command.</param>
    Pop3Response Exchange(string command, string? logLine)
    {
        if (Logging) LogDebug(logLine ?? "C: " + command);
        _writer.WriteLine(command);
        Flush();
        return ReadStatus();
    }

    void Flush()
    {
        _writer.Flush();
        _awaitingReply = true;
    }

    Pop3Response ReadStatus()
    {
        ReadLineOrFail();
        CountRoundTrip();
        return ParseStatus();
    }

    Pop3Response ParseStatus()
    {
        var r = Pop3Response.Parse(_lines.Buffer, _lines.LineStart, _lines.LineLength);
        if (r == null)
            throw new Pop3Exception(Pop3ErrorKind.Protocol, _stage,
                Pop3Exception.StageName(_stage) + ": not a POP3 response: \"" + Ascii.Excerpt(_lines.LineText, 80) + "\"");
        if (Logging) LogDebug("S: " + r.ToString());
        return r;
    }

    void ReadLineOrFail()
    {
        bool got;
        try
        {
            got = _lines.ReadLine();
        }
        catch (LineTooLongException e)
        {
            throw new Pop3Exception(Pop3ErrorKind.Protocol, _stage, Pop3Exception.StageName(_stage) + ": response line longer than " + Ascii.FromInt(e.Limit) + " bytes", e);
        }
        if (!got)
            throw new Pop3Exception(Pop3ErrorKind.Transient, _stage, Pop3Exception.StageName(_stage) + ": the server closed the connection without a response");
    }

    /// <summary>The next line of a multi-line response that is not a message (CAPA, UIDL, LIST); false at its end.</summary>
    bool ReadBodyLine()
    {
        try
        {
            return _dots.ReadLine();
        }
        catch (LineTooLongException e)
        {
            throw new Pop3Exception(Pop3ErrorKind.Protocol, _stage,
                Pop3Exception.StageName(_stage) + ": response line longer than " + Ascii.FromInt(e.Limit) + " bytes", e);
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
        new Pop3Exception(Pop3ErrorKind.Protocol, _stage, Pop3Exception.StageName(_stage) + ": malformed response: \"" + Ascii.Excerpt(text, 80) + "\"");

    /// <summary>An -ERR leaves the session usable; every other failure ends it.</summary>
    void EndUnlessAnswered(Pop3Exception e)
    {
        if (!e.HasResponse)
            Close();
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

    /// <summary>The next space-separated word of <paramref name="s"/> from <paramref name="pos"/>, or null.</summary>
    static string? Token(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ') pos++;
        if (pos >= s.Length) return null;
        int start = pos;
        while (pos < s.Length && s[pos] != ' ') pos++;
        return s.Substring(start, pos - start);
    }

    /// <summary>A non-negative decimal up to long.MaxValue (a maildrop can pass 2 GB).</summary>
    static bool TryParseLong(string s, out long value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 18) return false;
        for (int i = 0; i < s.Length; i++)
        {
            if (!Ascii.IsDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
