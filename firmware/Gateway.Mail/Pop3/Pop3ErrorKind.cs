namespace Gateway.Mail.Pop3;

/// <summary>What kind of failure ended a POP3 step; the poller decides retry, skip or give up from it.</summary>
public enum Pop3ErrorKind
{
    /// <summary>Connection lost, timeout, -ERR [SYS/TEMP], [IN-USE], [LOGIN-DELAY]: try again later.</summary>
    Transient = 1,

    /// <summary>-ERR to a command (including [AUTH], [SYS/PERM]): the server will not do this as asked.</summary>
    Permanent = 2,

    /// <summary>The server's bytes are not POP3: a line that is not +OK/-ERR, an endless multi-line response.</summary>
    Protocol = 3,

    /// <summary>Refused by our own rules: no TLS where required, STLS not offered, data injected after STLS.</summary>
    Security = 4,

    /// <summary>
    /// This message does not fit the device: more bytes than the caller's budget, or a line longer than
    /// the line buffer. The connection was closed; the same message will not fit next time either.
    /// </summary>
    Limit = 5,
}
