using System;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Imap;

/// <summary>
/// An IMAP client for a device (RFC 9051, the IMAP4rev1 subset of RFC 3501): greeting, CAPABILITY,
/// STARTTLS or implicit TLS, LOGIN or AUTHENTICATE (PLAIN, XOAUTH2; SASL-IR, RFC 4959), SELECT, UID
/// SEARCH, UID FETCH of the size and header fields or of the whole message streamed to an
/// <see cref="ILineSink"/>, UID STORE, UID EXPUNGE (RFC 4315) or EXPUNGE, IDLE (RFC 2177), NOOP and
/// LOGOUT, each a small method around one command helper. Working memory is one read buffer and one
/// write buffer (<see cref="ImapLimits"/>). Every failure is an <see cref="ImapException"/>; only a
/// NO or BAD answer leaves the session usable.
/// </summary>
public sealed partial class ImapClient
{
    readonly IConnector _connector;
    readonly ImapOptions _options;
    readonly ILog _log;
    IChannel? _channel;
    // Made once per client and lent to each connection: the device's working memory for IMAP.
    readonly ImapReader _reader = new ImapReader(ImapLimits.ReadBuffer);
    readonly LineWriter _writer = new LineWriter(ImapLimits.WriteBuffer);
    readonly long[] _searchUids = new long[ImapLimits.MaxSearchUids];
    int _searchCount;
    int _tagNumber;
    string _idleTag = "";
    int _idleResponses; // untagged responses in this IDLE: a server that never stops talking is cut off
    string? _continuation;
    bool _loggingOut;
    // The FETCH being read: where its body literal goes.
    ILineSink? _fetchSink;
    long _fetchUid, _fetchMax, _fetchSize, _fetchBytes;

    public ImapClient(IConnector connector, ImapOptions options, ILog? log = null)
    {
        _connector = connector;
        _options = options;
        _log = log ?? NullLog.Instance;
    }

    public ImapCapabilities Capabilities { get; private set; }

    /// <summary>The greeting's text, e.g. "Dovecot (Debian) ready.".</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>Times the client waited for the server.</summary>
    public int RoundTrips { get; private set; }

    public bool IsConnected => _channel != null;

    public bool IsEncrypted => _channel != null && _channel.IsEncrypted;

    public bool IsAuthenticated { get; private set; }

    /// <summary>True between IDLE's continuation and the answer to DONE.</summary>
    public bool IsIdling { get; private set; }

    /// <summary>The server offers IDLE and the connection can wait without reading (<see cref="IWaitableChannel"/>).</summary>
    public bool CanIdle => Has(ImapCapabilities.Idle) && _channel is IWaitableChannel;

    /// <summary>The selected mailbox's UIDVALIDITY (0 before SELECT): a change means every UID is new.</summary>
    public long UidValidity { get; private set; }

    /// <summary>The selected mailbox's UIDNEXT, or 0 when the server did not say.</summary>
    public long UidNext { get; private set; }

    /// <summary>Messages in the selected mailbox, from the last EXISTS.</summary>
    public long Exists { get; private set; }

    /// <summary>An EXISTS arrived since <see cref="ClearNewMail"/>: new mail may be there.</summary>
    public bool NewMail { get; private set; }

    public void ClearNewMail() => NewMail = false;

    /// <summary>Connects, reads the greeting, asks CAPABILITY, upgrades with STARTTLS and logs in, as configured; a failure closes the connection.</summary>
    public void Connect()
    {
        Open();
        if (_options.Tls == TlsMode.StartTls)
            StartTls();
        if (_options.User != null && !IsAuthenticated)
            LogIn();
    }

    /// <summary>Connects and reads the greeting and the capabilities (the first of the steps <see cref="Connect"/> takes; the doctor takes them one by one).</summary>
    public void Open()
    {
        if (_channel != null)
            throw new InvalidOperationException("already connected");
        RoundTrips = 0;
        Capabilities = ImapCapabilities.None;
        IsAuthenticated = false;
        IsIdling = false;
        _loggingOut = false;
        UidValidity = 0;
        SetCommand("connect");
        try
        {
            _channel = _connector.Connect(_options.Host, _options.Port, _options.Tls, _options.TimeoutMs);
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        _reader.Attach(_channel);
        _writer.Attach(_channel);
        Establish(GreetingStep);
    }

    /// <summary>STARTTLS (RFC 9051 6.2.1), then CAPABILITY again: refused, never skipped, when the server does not offer it.</summary>
    public void StartTls() => Establish(StartTlsStep);

    /// <summary>Logs in as configured: AUTHENTICATE XOAUTH2 for a token, else AUTHENTICATE PLAIN or LOGIN; never in clear.</summary>
    public void LogIn() => Establish(LoginStep);

    const int GreetingStep = 0, StartTlsStep = 1, LoginStep = 2;

    /// <summary>One step of opening a session; a session that did not reach its configured state is never handed out half-done.</summary>
    void Establish(int step)
    {
        if (_channel == null)
            throw new InvalidOperationException("not connected");
        bool done = false;
        try
        {
            if (step == GreetingStep)
            {
                if (_options.Tls == TlsMode.Implicit && !_channel.IsEncrypted)
                    throw new ImapException(ImapErrorKind.Security, "connect", "imap.tls = implicit but the connection is not encrypted");
                ReadGreeting();
            }
            else if (step == StartTlsStep)
            {
                Upgrade();
            }
            else
            {
                Login();
            }
            done = true;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!done)
                Close();
        }
    }

    /// <summary>SELECT (RFC 9051 6.3.2): the folder's UIDVALIDITY, UIDNEXT and message count.</summary>
    public void Select(string folder)
    {
        UidValidity = 0;
        UidNext = 0;
        Exists = 0;
        Exec("SELECT", Quote(folder), null);
        if (UidValidity == 0)
        {
            Close();
            throw new ImapException(ImapErrorKind.Protocol, "SELECT", "the server gave no UIDVALIDITY for " + folder);
        }
    }

    /// <summary>
    /// UID SEARCH <paramref name="criteria"/> (e.g. "UNDELETED"): the UIDs found, the first
    /// <see cref="ImapLimits.MaxSearchUids"/> in the server's order (ascending); more wait for the next search.
    /// </summary>
    public long[] SearchUids(string criteria)
    {
        _searchCount = 0;
        Exec("UID SEARCH", criteria, null);
        var found = new long[_searchCount];
        Array.Copy(_searchUids, found, _searchCount);
        return found;
    }

    /// <summary>
    /// UID FETCH of RFC822.SIZE and the header fields named (BODY.PEEK, so \Seen stays unset), the
    /// fields streamed to <paramref name="sink"/>.
    /// </summary>
    /// <returns>The message's size in octets, or -1 when the server has no such message.</returns>
    public long FetchHeaders(long uid, string fields, ILineSink sink, long maxBytes)
    {
        Fetch(uid, " (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (" + fields + ")])", sink, maxBytes);
        return _fetchSize;
    }

    /// <summary>
    /// UID FETCH BODY.PEEK[]: the whole message streamed to <paramref name="sink"/> a line at a time.
    /// A message over <paramref name="maxBytes"/> or with a line over the buffer is a
    /// <see cref="ImapErrorKind.Limit"/> and closes the connection (the rest is still on the wire).
    /// </summary>
    /// <returns>The octets delivered, or -1 when the server has no such message.</returns>
    public long FetchBody(long uid, ILineSink sink, long maxBytes)
    {
        Fetch(uid, " (UID BODY.PEEK[])", sink, maxBytes);
        return _fetchBytes;
    }

    /// <summary>UID STORE +FLAGS.SILENT: adds <paramref name="flags"/> (e.g. "\Seen \Deleted").</summary>
    public void AddFlags(long uid, string flags) =>
        Exec("UID STORE", Ascii.FromInt(uid) + " +FLAGS.SILENT (" + flags + ")", null);

    /// <summary>Removes messages marked \Deleted: only <paramref name="uid"/> with UIDPLUS (RFC 4315), else all of them (EXPUNGE).</summary>
    public void Expunge(long uid)
    {
        if (Has(ImapCapabilities.UidPlus))
            Exec("UID EXPUNGE", Ascii.FromInt(uid), null);
        else
            Exec("EXPUNGE", "", null);
    }

    /// <summary>NOOP: proves the session is alive and collects EXISTS.</summary>
    public void Noop() => Exec("NOOP", "", null);

    /// <summary>IDLE (RFC 2177): returns once the server's continuation came; then <see cref="WaitIdle"/> and <see cref="StopIdle"/>.</summary>
    public void StartIdle()
    {
        if (!CanIdle)
            throw new InvalidOperationException("IDLE is not offered or the connection cannot wait");
        Begin("IDLE");
        bool ok = false;
        try
        {
            _idleTag = NextTag();
            _idleResponses = 0;
            Send(_idleTag + " IDLE", null);
            var status = ReadUntilTagged(_idleTag);
            if (status != null)
            {
                ok = true; // answered: the session goes on without IDLE
                throw status.IsOk ? Unexpected("IDLE ended before it began") : new ImapException("IDLE", status);
            }
            IsIdling = true;
            ok = true;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!ok) Close();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> in IDLE and reads what the server sent. True when new
    /// mail was announced (EXISTS); a server that ends the IDLE itself ends it here too.
    /// </summary>
    public bool WaitIdle(int timeoutMs)
    {
        if (!IsIdling)
            throw new InvalidOperationException("not idling");
        bool ok = false;
        try
        {
            var waitable = (IWaitableChannel)_channel!;
            if (_reader.Buffered > 0 || waitable.WaitForData(timeoutMs))
            {
                // What came is read whole; a second response still inside a TLS record is read at the next wait.
                do
                {
                    if (++_idleResponses > ImapLimits.MaxUntagged)
                        throw Unexpected("more than " + Ascii.FromInt(ImapLimits.MaxUntagged) + " untagged responses in one IDLE");
                    var status = ReadResponse(_idleTag);
                    if (status != null)
                    {
                        IsIdling = false;
                        if (!status.IsOk) throw new ImapException("IDLE", status);
                    }
                }
                while (IsIdling && _reader.Buffered > 0);
            }
            ok = true;
            return NewMail;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!ok) Close();
        }
    }

    /// <summary>DONE: ends the IDLE; the server must answer within the timeout, which is how a dead connection shows.</summary>
    public void StopIdle()
    {
        if (!IsIdling) return;
        SetCommand("DONE");
        bool ok = false;
        try
        {
            Send("DONE", null);
            IsIdling = false;
            var status = ReadUntilTagged(_idleTag) ?? throw Unexpected("a continuation after DONE");
            if (!status.IsOk) throw new ImapException("IDLE", status);
            ok = true;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!ok) Close();
        }
    }

    /// <summary>LOGOUT and close. Never throws; true when the server answered OK.</summary>
    public bool Logout()
    {
        if (_channel == null) return false;
        _loggingOut = true;
        try
        {
            StopIdle();
            Exec("LOGOUT", "", null);
            Close();
            return true;
        }
        catch (ImapException e)
        {
            _log.Write(LogLevel.Warning, "IMAP LOGOUT: " + e.Message);
        }
        Close();
        return false;
    }

    /// <summary>Drops the connection without LOGOUT.</summary>
    public void Close()
    {
        var ch = _channel;
        _channel = null;
        IsAuthenticated = false;
        IsIdling = false;
        Channels.CloseQuietly(ch);
    }

    void ReadGreeting()
    {
        // RFC 9051 7.1: "* OK", "* PREAUTH" or "* BYE", often with [CAPABILITY ...].
        if (_reader.Next() != ImapTokenKind.Atom || _reader.Text != "*" || _reader.Next() != ImapTokenKind.Atom)
            throw Unexpected("not an IMAP greeting");
        string status = Ascii.ToUpper(_reader.Text);
        var greeting = ReadStatus(status);
        RoundTrips++;
        if (status == "BYE" || (status != "OK" && status != "PREAUTH"))
            throw new ImapException("greeting", greeting);
        Greeting = greeting.Text;
        if (status == "PREAUTH")
        {
            // RFC 9051 11.1: PREAUTH leaves no way to STARTTLS; credentials were never needed.
            if (_options.Tls == TlsMode.StartTls)
                throw new ImapException(ImapErrorKind.Security, "greeting", "the server logged us in before STARTTLS (PREAUTH): refused, the connection would stay in clear");
            IsAuthenticated = true;
        }
        if (!Has(ImapCapabilities.Known))
            Exec("CAPABILITY", "", null);
    }

    void Upgrade()
    {
        if (!Has(ImapCapabilities.StartTls))
            throw new ImapException(ImapErrorKind.Security, "STARTTLS", "the server does not offer STARTTLS, and imap.tls = starttls: not continuing in clear");
        Exec("STARTTLS", "", null);
        if (_reader.Buffered != 0)
            throw new ImapException(ImapErrorKind.Security, "STARTTLS", "the server sent data after agreeing to STARTTLS; it could be injected by an attacker (RFC 9051 11.1)");
        _channel!.StartTls(_options.Host);
        if (!_channel.IsEncrypted)
            throw new ImapException(ImapErrorKind.Security, "STARTTLS", "the connection is still not encrypted");
        // RFC 9051 6.2.1: forget what was learned in clear and ask again.
        Capabilities = ImapCapabilities.None;
        Exec("CAPABILITY", "", null);
    }

    void Fetch(long uid, string items, ILineSink sink, long maxBytes)
    {
        _fetchSink = sink;
        _fetchUid = uid;
        _fetchMax = maxBytes;
        _fetchSize = -1;
        _fetchBytes = -1;
        try
        {
            Exec("UID FETCH", Ascii.FromInt(uid) + items, null);
        }
        finally
        {
            _fetchSink = null;
        }
    }

    /// <summary>
    /// Sends one command and reads to its tagged answer; returns OK, throws NO/BAD (the session stays
    /// usable). Every other failure, and anything thrown on the way (a sink), closes the connection.
    /// </summary>
    /// <param name="logLine">What the log shows instead of the command's arguments (a masked secret), or null.</param>
    ImapStatus Exec(string command, string arguments, string? logLine)
    {
        Begin(command);
        bool usable = false;
        try
        {
            string tag = NextTag();
            string line = tag + " " + command + (arguments.Length > 0 ? " " + arguments : "");
            Send(line, logLine == null ? null : tag + " " + logLine);
            var status = ReadUntilTagged(tag) ?? throw Unexpected("a continuation request nobody asked for");
            usable = true;
            if (!status.IsOk)
                throw new ImapException(command, status);
            return status;
        }
        catch (ChannelException e)
        {
            throw Translate(e);
        }
        finally
        {
            if (!usable) Close();
        }
    }

    void Begin(string command)
    {
        if (_channel == null)
            throw new InvalidOperationException("not connected");
        if (IsIdling)
            throw new InvalidOperationException("IDLE is running: StopIdle first");
        SetCommand(command);
    }

    void SetCommand(string command) => _reader.Command = command;

    string NextTag() => "A" + Ascii.FromInt(++_tagNumber);

    /// <param name="logLine">The line as the log shows it, or null for the line itself.</param>
    void Send(string line, string? logLine)
    {
        if (Logging) LogDebug("C: " + (logLine ?? line));
        _writer.WriteLine(line);
        _writer.Flush();
        RoundTrips++;
    }

    bool Has(ImapCapabilities c) => (Capabilities & c) == c;

    ImapException Unexpected(string what) => new ImapException(ImapErrorKind.Protocol, _reader.Command, what);

    ImapException Translate(ChannelException e)
    {
        Close();
        var kind = e.Error == ChannelError.CertificateRejected || e.Error == ChannelError.TlsFailed ? ImapErrorKind.Security : ImapErrorKind.Transient;
        return new ImapException(kind, _reader.Command, e.Message, e);
    }

    /// <summary>A quoted string (RFC 9051 4.3) for a mailbox name or a LOGIN argument; CR, LF and NUL cannot be sent.</summary>
    public static string Quote(string s)
    {
        string q = "\"";
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\r' || c == '\n' || c == '\0')
                throw new ArgumentException("a quoted IMAP string cannot hold CR, LF or NUL");
            if (c == '"' || c == '\\') q += "\\";
            q += c.ToString();
        }
        return q + "\"";
    }

    void LogDebug(string text) => _log.Write(LogLevel.Debug, text);

    /// <summary>Transcript lines are built only when someone reads them.</summary>
    bool Logging => _log.IsEnabled(LogLevel.Debug);
}
