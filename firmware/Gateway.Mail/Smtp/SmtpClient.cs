using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Sasl;

namespace Gateway.Mail.Smtp;

/// <summary>
/// An SMTP client for a device (RFC 5321): greeting, EHLO (HELO fallback), STARTTLS (RFC 3207),
/// AUTH PLAIN/LOGIN/XOAUTH2 (RFC 4954), MAIL/RCPT/DATA pipelined when offered (RFC 2920), or MAIL/RCPT
/// and BDAT LAST with the message in one flight when CHUNKING is offered too (RFC 3030), RSET, QUIT
/// (its reply not waited for). Working memory is one reply-line buffer and one write buffer
/// (<see cref="SmtpLimits"/>); the message streams through them. Every failure is an <see cref="SmtpException"/>.
/// </summary>
public sealed partial class SmtpClient
{
    readonly IConnector _connector;
    readonly SmtpOptions _options;
    readonly ILog _log;
    // Made once per client and lent to each connection: the device's working memory for SMTP.
    readonly LineReader _lines;
    readonly LineWriter _writer = new LineWriter(SmtpLimits.WriteBuffer);
    readonly SmtpReplyReader _replies;
    readonly DotWriter _body;
    IChannel? _channel;
    SmtpStage _stage;
    bool _awaitingReply; // a flush happened since the last reply: the next reply ends a round trip

    public SmtpClient(IConnector connector, SmtpOptions options, ILog? log = null) : this(connector, options, log, null)
    {
    }

    /// <param name="lines">A reader of at least <see cref="SmtpLimits.MaxReplyLine"/> to share with a client that is
    /// never in a session at the same time (the device's loop shares one with its POP3 polls); null: its own.</param>
    public SmtpClient(IConnector connector, SmtpOptions options, ILog? log, LineReader? lines)
    {
        _lines = lines ?? new LineReader(SmtpLimits.MaxReplyLine);
        _connector = connector;
        _options = options;
        _log = log ?? NullLog.Instance;
        _replies = new SmtpReplyReader(_lines);
        _body = new DotWriter(_writer);
    }

    /// <summary>What the server's last EHLO offered.</summary>
    public SmtpCapabilities Capabilities { get; private set; }

    /// <summary>The SIZE limit the server announced (0: none).</summary>
    public long MaxMessageSize { get; private set; }

    /// <summary>The greeting's text, e.g. "mail.example.com ESMTP Postfix".</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>Times the client waited for the server in this session: the measure that latency multiplies.</summary>
    public int RoundTrips { get; private set; }

    public bool IsConnected => _channel != null;

    public bool IsEncrypted => _channel != null && _channel.IsEncrypted;

    /// <summary>Connects, reads the greeting, says EHLO, upgrades to TLS and logs in, as configured: <see cref="Open"/>, then each <see cref="Establish"/> step.</summary>
    public void Connect()
    {
        Open();
        Establish(SmtpStage.Hello);
        if (_options.Tls == TlsMode.StartTls)
            Establish(SmtpStage.StartTls);
        if (_options.User != null)
            Establish(SmtpStage.Auth);
    }

    /// <summary>Connects and reads the greeting.</summary>
    public void Open()
    {
        if (_channel != null)
            throw new System.InvalidOperationException("already connected");
        CheckHeloName(_options.HeloName);
        _stage = SmtpStage.Connect;
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
        Establish(SmtpStage.Greeting);
    }

    /// <summary>
    /// One step that establishes the session, run alone (the doctor steps through them): Greeting, Hello
    /// (EHLO, HELO fallback), StartTls (then EHLO again) or Auth. Any failure closes the connection.
    /// </summary>
    public void Establish(SmtpStage step)
    {
        if (_channel == null)
            throw new System.InvalidOperationException("not connected");
        try
        {
            switch (step)
            {
                case SmtpStage.Greeting: Greet(); break;
                case SmtpStage.Hello: Hello(); break;
                case SmtpStage.StartTls: StartTls(); break;
                case SmtpStage.Auth: Authenticate(); break;
                default: throw new System.ArgumentOutOfRangeException(nameof(step), "not a step that establishes a session");
            }
        }
        catch (ChannelException e)
        {
            Close();
            throw Translate(e);
        }
        catch (SmtpException)
        {
            Close();
            throw;
        }
    }

    void Greet()
    {
        _stage = SmtpStage.Greeting;
        _awaitingReply = true;
        var greeting = ReadReply(true);
        if (greeting.Code != 220)
            throw new SmtpException(SmtpStage.Greeting, greeting);
        Greeting = greeting.Text;
    }

    /// <summary>RSET: abandons the current transaction; the session stays usable.</summary>
    public void Reset()
    {
        _stage = SmtpStage.Reset;
        try
        {
            var reply = Exchange("RSET");
            if (reply.Code != 250)
                throw new SmtpException(SmtpStage.Reset, reply);
        }
        catch (ChannelException e)
        {
            Close();
            throw Translate(e);
        }
    }

    /// <summary>
    /// QUIT and close, without waiting for the 221: the messages were counted when the server accepted
    /// them, and the reply to QUIT changes nothing (RFC 5321 4.1.1.10), so waiting for it would only cost
    /// a round trip. Failures here are only logged.
    /// </summary>
    public void Quit()
    {
        if (_channel == null) return;
        _stage = SmtpStage.Quit;
        try
        {
            Command("QUIT");
            _writer.Flush();
        }
        catch (ChannelException e)
        {
            Log("QUIT: " + e.Message);
        }
        catch (SmtpException e)
        {
            Log("QUIT: " + e.Message);
        }
        Close();
    }

    /// <summary>Drops the connection without QUIT.</summary>
    public void Close()
    {
        var ch = _channel;
        _channel = null;
        Channels.CloseQuietly(ch);
    }

    void Hello()
    {
        _stage = SmtpStage.Hello;
        _writer.Write("EHLO ");
        _writer.Write(_options.HeloName);
        EndCommand();
        Flush();
        var reply = _replies.ReadEhlo(_stage, out SmtpCapabilities caps, out long size);
        LogReply(reply);
        if (reply.Code == 250)
        {
            Capabilities = caps;
            MaxMessageSize = size;
            return;
        }
        if (reply.Code != 500 && reply.Code != 502)
            throw new SmtpException(SmtpStage.Hello, reply);
        // RFC 5321 3.2: a server without ESMTP; HELO, and no extensions at all.
        _writer.Write("HELO ");
        _writer.Write(_options.HeloName);
        EndCommand();
        Flush();
        reply = ReadReply(false);
        if (reply.Code != 250)
            throw new SmtpException(SmtpStage.Hello, reply);
        Capabilities = SmtpCapabilities.HeloOnly;
        MaxMessageSize = 0;
    }

    void StartTls()
    {
        _stage = SmtpStage.StartTls;
        if (!Has(SmtpCapabilities.StartTls))
            throw new SmtpException(SmtpErrorKind.Security, SmtpStage.StartTls,
                "the server does not offer STARTTLS, and smtp.tls = starttls: not continuing in clear");
        var reply = Exchange("STARTTLS");
        if (reply.Code != 220)
            throw new SmtpException(SmtpStage.StartTls, reply);
        if (_lines.Buffered != 0)
            throw new SmtpException(SmtpErrorKind.Security, SmtpStage.StartTls,
                "the server sent data after agreeing to STARTTLS; it could be injected by an attacker (RFC 3207 section 6)");
        _channel!.StartTls(_options.Host);
        // RFC 3207 4.2: forget everything learned in clear and ask again.
        Capabilities = SmtpCapabilities.None;
        Hello();
    }

    bool Has(SmtpCapabilities c) => (Capabilities & c) == c;

    /// <summary>A fixed command line (no data from outside in it).</summary>
    void Command(string line)
    {
        int mark = _writer.Pending;
        _writer.WriteLine(line);
        if (Logging)
            Log("C: " + _writer.TextSince(mark));
    }

    void EndCommand() => EndCommand(-1);

    void EndCommand(int mark)
    {
        if (mark < 0) mark = _writer.LineStart;
        _writer.EndLine();
        if (Logging)
            Log("C: " + _writer.TextSince(mark));
    }

    SmtpReply Exchange(string line)
    {
        Command(line);
        Flush();
        return ReadReply(false);
    }

    void Flush()
    {
        _writer.Flush();
        _awaitingReply = true;
    }

    /// <param name="keepText">Whether a positive reply's text matters (greeting, end of data); failures always keep it.</param>
    SmtpReply ReadReply(bool keepText)
    {
        var reply = _replies.Read(_stage, keepText || Logging);
        LogReply(reply);
        return reply;
    }

    void LogReply(SmtpReply reply)
    {
        if (_awaitingReply)
        {
            RoundTrips++;
            _awaitingReply = false;
        }
        if (!Logging) return;
        if (reply.Lines.Length == 0)
            _log.Write(LogLevel.Debug, "S: " + Ascii.FromInt(reply.Code));
        for (int i = 0; i < reply.Lines.Length; i++)
            _log.Write(LogLevel.Debug, "S: " + Ascii.FromInt(reply.Code) + (i < reply.Lines.Length - 1 ? "-" : " ") + reply.Lines[i]);
    }

    bool Logging => _log.IsEnabled(LogLevel.Debug);

    void Log(string text)
    {
        _log.Write(LogLevel.Debug, text);
    }

    /// <summary>The EHLO name goes on a command line as it is: one token, nothing that could end the line.</summary>
    static void CheckHeloName(string name)
    {
        bool ok = name.Length > 0 && name.Length <= 255;
        for (int i = 0; ok && i < name.Length; i++)
            if (name[i] <= ' ' || name[i] >= 0x7F) ok = false;
        if (!ok)
            throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.Hello, "not a usable EHLO name: \"" + Ascii.Excerpt(name, 40) + "\"");
    }

    SmtpException Translate(ChannelException e)
    {
        var kind = e.Error == ChannelError.CertificateRejected || e.Error == ChannelError.TlsFailed
            ? SmtpErrorKind.Security
            : SmtpErrorKind.Transient;
        return new SmtpException(kind, _stage, SmtpException.StageName(_stage) + ": " + e.Message, e);
    }
}
