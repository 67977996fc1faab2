namespace Gateway.Mail.Smtp;

/// <summary>What kind of failure ended an SMTP step; the outbox decides retry or give up from it.</summary>
public enum SmtpErrorKind
{
    /// <summary>4xx, connection lost, timeout: try again later.</summary>
    Transient = 1,

    /// <summary>5xx: the server will not accept this as it is.</summary>
    Permanent = 2,

    /// <summary>The server's bytes are not SMTP (a wrong port, a broken or hostile server).</summary>
    Protocol = 3,

    /// <summary>Refused by our own rules: no TLS where TLS is required, a password over a clear connection.</summary>
    Security = 4,
}
