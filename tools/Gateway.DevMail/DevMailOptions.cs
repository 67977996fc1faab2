using System.Net;

namespace Gateway.DevMail;

/// <summary>
/// Settings of the local mailbox. Every limit a client could push against is here, with its default.
/// Ports: 0 picks a free port at the first start and keeps it for every restart; null turns a listener off.
/// </summary>
public sealed class DevMailOptions
{
    /// <summary>The folder that holds the mailboxes (one sub-folder each) and the TLS files.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "gateway-devmail");

    /// <summary>The address to listen on. Loopback by default; an address of the laptop's LAN to let a board reach it.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>SMTP submission (STARTTLS offered when <see cref="Tls"/>).</summary>
    public int SmtpPort { get; set; }

    /// <summary>SMTP with implicit TLS (like 465); only with <see cref="Tls"/>. Null: off.</summary>
    public int? SmtpsPort { get; set; }

    /// <summary>POP3 (STLS offered when <see cref="Tls"/>).</summary>
    public int Pop3Port { get; set; }

    /// <summary>POP3 with implicit TLS (like 995); only with <see cref="Tls"/>. Null: off.</summary>
    public int? Pop3sPort { get; set; }

    /// <summary>IMAP (STARTTLS offered when <see cref="Tls"/>); 0 picks a free port. Null (the default): no IMAP.</summary>
    public int? ImapPort { get; set; }

    /// <summary>IMAP with implicit TLS (like 993); only with <see cref="Tls"/> and <see cref="ImapPort"/>. Null: off.</summary>
    public int? ImapsPort { get; set; }

    /// <summary>How long an IMAP client may stay silent, IDLE included (RFC 9051 5.4: at least 30 minutes).</summary>
    public TimeSpan ImapIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Offer TLS: STARTTLS/STLS, and the implicit-TLS ports when set. A certificate is made at start.</summary>
    public bool Tls { get; set; }

    /// <summary>A name for the certificate besides localhost and 127.0.0.1 (e.g. the laptop's name on the LAN).</summary>
    public string? TlsName { get; set; }

    /// <summary>The mailboxes. Mail for their domains is stored (or refused if no such mailbox); other domains are relay and refused.</summary>
    public List<MailUser> Users { get; set; } = [];

    /// <summary>
    /// Whether a password may be sent over a connection without TLS (SMTP AUTH, POP3 USER/PASS, AUTH PLAIN).
    /// Null (the default) allows it when <see cref="BindAddress"/> is loopback and refuses it otherwise,
    /// as Dovecot does with <c>disable_plaintext_auth</c> (which always trusts local connections).
    /// When refused, POP3 answers "-ERR [AUTH] Plaintext authentication disallowed" and CAPA omits USER.
    /// </summary>
    public bool? AllowPlaintextAuth { get; set; }

    /// <summary>Whether SMTP requires AUTH before MAIL FROM (a submission port). Default true.</summary>
    public bool SmtpRequireAuth { get; set; } = true;

    /// <summary>The largest message SMTP accepts (announced in EHLO SIZE, enforced while reading DATA).</summary>
    public int MaxMessageSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>Connections served at once per protocol; more are told to come back later and closed.</summary>
    public int MaxConnections { get; set; } = 32;

    /// <summary>The longest POP3 command line, CRLF excluded (RFC 2449 allows 255; SASL responses need more).</summary>
    public int MaxLineLength { get; set; } = 1024;

    /// <summary>How long a POP3 client may stay silent (RFC 1939 asks at least 10 minutes of the autologout timer).</summary>
    public TimeSpan Pop3IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long SMTP waits for the next command (RFC 5321 4.5.3.2: 5 minutes).</summary>
    public TimeSpan SmtpCommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest an SMTP session may last, whatever it does.</summary>
    public TimeSpan SmtpSessionTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The TLS handshake and each write must finish within this.</summary>
    public TimeSpan IoTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A pause before answering a wrong password, against guessing (Dovecot waits about 2 s).</summary>
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The name in greetings and Received headers.</summary>
    public string ServerName { get; set; } = "devmail.gateway.local";

    internal bool PlaintextAuthAllowed => AllowPlaintextAuth ?? IPAddress.IsLoopback(BindAddress);
}
