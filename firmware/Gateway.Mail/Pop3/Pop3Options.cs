using Gateway.Core.Net;

namespace Gateway.Mail.Pop3;

/// <summary>How to reach and log in to the POP3 server (from the `pop3.*` configuration keys); a null User only asks CAPA and STLS.</summary>
public sealed class Pop3Options : MailServerOptions
{
    public Pop3Options()
        : base(995, TlsMode.Implicit)
    {
    }

    /// <summary>
    /// Log in with APOP (RFC 1939 section 7) when the greeting carries a timestamp. APOP sends an MD5
    /// digest, never the password, so it is allowed on a clear connection; without a timestamp the
    /// other methods and their TLS rule apply.
    /// </summary>
    public bool UseApop { get; set; }

    /// <summary>Log in with USER/PASS even when SASL PLAIN is offered (PLAIN is the default when offered).</summary>
    public bool PreferUserPass { get; set; }
}
