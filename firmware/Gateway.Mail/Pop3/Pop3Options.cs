using Gateway.Core.Net;

namespace Gateway.Mail.Pop3;

/// <summary>How to reach and log in to the POP3 server (from the `pop3.*` configuration keys).</summary>
public sealed class Pop3Options
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 995;

    public TlsMode Tls { get; set; } = TlsMode.Implicit;

    /// <summary>Null: connect without logging in (only CAPA, STLS).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>An OAuth 2 bearer token for AUTH XOAUTH2, instead of a password.</summary>
    public string? Token { get; set; }

    /// <summary>Send credentials over a clear connection; only honoured with <see cref="TlsMode.None"/>.</summary>
    public bool AllowPlainAuth { get; set; }

    /// <summary>
    /// Log in with APOP (RFC 1939 section 7) when the greeting carries a timestamp. APOP sends an MD5
    /// digest, never the password, so it is allowed on a clear connection; without a timestamp the
    /// other methods and their TLS rule apply.
    /// </summary>
    public bool UseApop { get; set; }

    /// <summary>Log in with USER/PASS even when SASL PLAIN is offered (PLAIN is the default when offered).</summary>
    public bool PreferUserPass { get; set; }

    /// <summary>Bounds the connect and every read and write.</summary>
    public int TimeoutMs { get; set; } = 30000;
}
