using Gateway.Core.Net;

namespace Gateway.Mail.Imap;

/// <summary>How to reach and log in to the IMAP server (from the `imap.*` configuration keys).</summary>
public sealed class ImapOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    public TlsMode Tls { get; set; } = TlsMode.Implicit;

    /// <summary>Null: connect without logging in (greeting, CAPABILITY, STARTTLS only).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>An OAuth 2 bearer token for AUTHENTICATE XOAUTH2, instead of a password.</summary>
    public string? Token { get; set; }

    /// <summary>Send credentials over a clear connection; only honoured with <see cref="TlsMode.None"/> (test servers).</summary>
    public bool AllowPlainAuth { get; set; }

    /// <summary>Bounds the connect and the answer to every command (DONE included: how a dead IDLE is noticed).</summary>
    public int TimeoutMs { get; set; } = 30000;
}
