namespace Gateway.Core.Net;

/// <summary>How a connection is encrypted.</summary>
public enum TlsMode
{
    /// <summary>Clear text throughout (only for test servers and explicit configuration).</summary>
    None = 0,

    /// <summary>TLS from the first byte (RFC 8314: SMTP 465, POP3 995).</summary>
    Implicit = 1,

    /// <summary>Clear greeting, then STARTTLS (RFC 3207) or STLS (RFC 2595); required, never skipped.</summary>
    StartTls = 2,
}
