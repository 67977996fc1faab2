namespace Gateway.Mail.Imap;

/// <summary>What kind of failure ended an IMAP step; the poller decides retry, skip or give up from it.</summary>
public enum ImapErrorKind
{
    /// <summary>Connection lost, timeout, BYE, NO [UNAVAILABLE] or [INUSE]: try again later.</summary>
    Transient = 1,

    /// <summary>NO or BAD to a command ([AUTHENTICATIONFAILED], [TRYCREATE], ...): the server will not do this as asked.</summary>
    Permanent = 2,

    /// <summary>The server's bytes are not IMAP: a malformed response, an endless line or response list, an unknown tag.</summary>
    Protocol = 3,

    /// <summary>Refused by our own rules: no TLS where required, STARTTLS not offered, data injected after STARTTLS.</summary>
    Security = 4,

    /// <summary>This message does not fit the device (more bytes than the caller's budget, a line over the buffer); the connection was closed.</summary>
    Limit = 5,
}
