using System.Security.Cryptography;
using System.Text;
using Gateway.DevMail.Pop3;
using Gateway.DevMail.Smtp;

namespace Gateway.DevMail;

/// <summary>
/// The local mailbox: SMTP submission (the SmtpServer package), POP3 (<see cref="Pop3Session"/>) and,
/// when <see cref="DevMailOptions.ImapPort"/> is set, IMAP with IDLE (<see cref="Imap.ImapSession"/>)
/// over one <see cref="MailStore"/>. Start it, point a client at <see cref="SmtpPort"/> and
/// <see cref="Pop3Port"/>, and watch <see cref="Event"/>. <see cref="StopAsync"/> "unplugs" it
/// (listeners and connections closed, the store kept); <see cref="StartAsync"/> plugs it back in on
/// the same ports with the same certificate authority.
/// </summary>
/// <remarks>
/// Passwords are compared in constant time and never appear in events, exceptions or <see cref="ToString"/>.
/// Over a connection without TLS a password is accepted only when <see cref="DevMailOptions.AllowPlaintextAuth"/>
/// says so; by default that is when the server listens on loopback only (what Dovecot does for local
/// connections), so to serve a board on the LAN either turn on <see cref="DevMailOptions.Tls"/> or allow it explicitly.
/// </remarks>
public sealed class DevMailServer : IAsyncDisposable
{
    readonly Dictionary<string, byte[]> _passwords = new(StringComparer.OrdinalIgnoreCase);
    readonly SemaphoreSlim _gate = new(1, 1);
    SmtpSide? _smtp;
    SessionSide? _pop3;
    SessionSide? _imap;
    int _smtpPort, _pop3Port;
    int? _smtpsPort, _pop3sPort, _imapPort, _imapsPort;

    public DevMailServer(DevMailOptions options)
    {
        if (options.Users.Count == 0)
            throw new ArgumentException("the mailbox needs at least one user");
        if (!options.Tls && !options.PlaintextAuthAllowed)
            throw new ArgumentException("without TLS and with plaintext passwords refused, no client could log in: turn on Tls or AllowPlaintextAuth");
        if (options.MaxLineLength < 256 || options.MaxConnections < 1 || options.MaxMessageSize < 1024)
            throw new ArgumentException("MaxLineLength must be at least 256, MaxConnections at least 1, MaxMessageSize at least 1024");
        Options = options;
        foreach (var user in options.Users)
            _passwords[user.Address] = Encoding.UTF8.GetBytes(user.Password);
        Store = new MailStore(options.Directory, options.Users.Select(u => u.Address));
        _smtpPort = options.SmtpPort;
        _pop3Port = options.Pop3Port;
        _smtpsPort = options.SmtpsPort;
        _pop3sPort = options.Pop3sPort;
        _imapPort = options.ImapPort;
        _imapsPort = options.ImapsPort;
    }

    public DevMailOptions Options { get; }

    public MailStore Store { get; }

    /// <summary>The timeline: every session, login failure, stored, retrieved and deleted message. See <see cref="MailEvent"/>.</summary>
    public event Action<MailEvent>? Event;

    public bool IsRunning => _smtp != null;

    /// <summary>The ports really bound (known after the first start; kept across restarts).</summary>
    public int SmtpPort => _smtpPort;
    public int Pop3Port => _pop3Port;
    public int? SmtpsPort => Options.Tls ? _smtpsPort : null;
    public int? Pop3sPort => Options.Tls ? _pop3sPort : null;

    /// <summary>IMAP's ports, when <see cref="DevMailOptions.ImapPort"/> turned it on.</summary>
    public int? ImapPort => _imapPort;
    public int? ImapsPort => Options.Tls && _imapPort != null ? _imapsPort : null;

    /// <summary>The connections open now and the TLS streams among them; none once every session has ended.</summary>
    public ConnectionCounts Connections { get; } = new();

    /// <summary>The TLS identity, made at the first start when <see cref="DevMailOptions.Tls"/> is on.</summary>
    public DevCertificate? Certificate { get; private set; }

    /// <summary>The PEM file a client must trust (smtp.ca / pop3.ca), or null without TLS.</summary>
    public string? CaPemPath => Certificate?.CaPemPath;

    /// <summary>Starts listening (again). Throws <see cref="IOException"/> when a port cannot be bound.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_smtp != null) return;
            if (Options.Tls && Certificate == null)
                Certificate = DevCertificate.Create(Store.Directory, Options.TlsName, Options.BindAddress);
            var smtp = SmtpSide.Start(this, _smtpPort, _smtpsPort, Certificate);
            SessionSide pop3;
            try
            {
                pop3 = SessionSide.Start(this, "POP3", _pop3Port, _pop3sPort, Certificate, "-ERR [SYS/TEMP] Too many connections, try again later.",
                    (socket, implicitTls) => new Pop3Session(this, socket, Certificate, implicitTls));
            }
            catch
            {
                await smtp.StopAsync().ConfigureAwait(false);
                throw;
            }
            SessionSide? imap = null;
            if (_imapPort != null)
            {
                try
                {
                    imap = SessionSide.Start(this, "IMAP", _imapPort.Value, _imapsPort, Certificate, "* BYE [UNAVAILABLE] Too many connections, try again later.",
                        (socket, implicitTls) => new Imap.ImapSession(this, socket, Certificate, implicitTls));
                }
                catch
                {
                    await Task.WhenAll(smtp.StopAsync(), pop3.StopAsync()).ConfigureAwait(false);
                    throw;
                }
                (_imapPort, _imapsPort) = (imap.Port, imap.SecurePort ?? _imapsPort);
            }
            (_smtp, _pop3, _imap) = (smtp, pop3, imap);
            (_smtpPort, _smtpsPort, _pop3Port, _pop3sPort) = (smtp.Port, smtp.SecurePort ?? _smtpsPort, pop3.Port, pop3.SecurePort ?? _pop3sPort);
            Raise(new MailEvent(MailEventKind.ServerStarted, "DevMail", Detail: Describe()));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the listeners and every open connection (no POP3 UPDATE happens for them); the store stays.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_smtp == null) return;
            await Task.WhenAll(_smtp.StopAsync(), _pop3!.StopAsync(), _imap?.StopAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            _smtp = null;
            _pop3 = null;
            _imap = null;
            Raise(new MailEvent(MailEventKind.ServerStopped, "DevMail"));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// The lines of a gateway configuration that point a device at this mailbox as <paramref name="user"/>
    /// (smtp.* and pop3.*; the password included, since that is the point: print it only to the operator).
    /// <paramref name="host"/> is what the device dials (default: the bind address).
    /// </summary>
    public string ConfigSnippet(MailUser user, string? host = null)
    {
        host ??= Options.BindAddress.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : Options.BindAddress.ToString();
        var b = new StringBuilder();
        b.AppendLine($"smtp.host = {host}");
        b.AppendLine($"smtp.port = {SmtpPort}");
        b.AppendLine($"smtp.tls = {(Options.Tls ? "starttls" : "none")}");
        b.AppendLine($"smtp.user = {user.Address}");
        b.AppendLine($"smtp.password = {user.Password}");
        b.AppendLine($"smtp.from = {user.Address}");
        if (Options.Tls) b.AppendLine($"smtp.ca = {CaPemPath}");
        else b.AppendLine("smtp.allow-plain-auth = true");
        b.AppendLine($"pop3.host = {host}");
        if (Options.Tls && Pop3sPort != null)
        {
            b.AppendLine($"pop3.port = {Pop3sPort}");
            b.AppendLine("pop3.tls = implicit");
        }
        else
        {
            b.AppendLine($"pop3.port = {Pop3Port}");
            b.AppendLine($"pop3.tls = {(Options.Tls ? "starttls" : "none")}");
        }
        b.AppendLine($"pop3.user = {user.Address}");
        b.AppendLine($"pop3.password = {user.Password}");
        if (Options.Tls) b.AppendLine($"pop3.ca = {CaPemPath}");
        else b.AppendLine("pop3.allow-plain-auth = true");
        return b.ToString();
    }

    public override string ToString() => "DevMail " + Describe();

    string Describe() =>
        $"SMTP {Options.BindAddress}:{SmtpPort}" + (SmtpsPort != null ? $" (SMTPS {SmtpsPort})" : "") +
        $", POP3 {Options.BindAddress}:{Pop3Port}" + (Pop3sPort != null ? $" (POP3S {Pop3sPort})" : "") +
        (ImapPort != null ? $", IMAP {Options.BindAddress}:{ImapPort}" + (ImapsPort != null ? $" (IMAPS {ImapsPort})" : "") : "") +
        (Options.Tls ? ", TLS with " + CaPemPath : ", no TLS") +
        $", mailboxes {string.Join(", ", Store.Mailboxes)} in {Store.Directory}";

    internal IEnumerable<string> Domains => Options.Users.Select(u => u.Domain).Distinct();

    internal bool CheckPassword(string user, string password)
    {
        var given = Encoding.UTF8.GetBytes(password);
        if (!_passwords.TryGetValue(user.Trim(), out var expected))
        {
            CryptographicOperations.FixedTimeEquals(given, given); // same work for an unknown user
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    internal void Raise(MailEvent e)
    {
        try
        {
            Event?.Invoke(e);
        }
        catch (Exception)
        {
            // A faulty timeline printer must not stop the mail (documented on MailEvent).
        }
    }
}
