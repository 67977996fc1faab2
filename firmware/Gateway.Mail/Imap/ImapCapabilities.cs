using System;

namespace Gateway.Mail.Imap;

/// <summary>What the server's CAPABILITY (RFC 9051 6.1.1) offered, from the greeting, a response code or the command.</summary>
[Flags]
public enum ImapCapabilities
{
    None = 0,
    Imap4Rev1 = 1 << 0,
    Imap4Rev2 = 1 << 1,
    StartTls = 1 << 2,

    /// <summary>LOGINDISABLED: LOGIN is refused here (RFC 9051 6.2.3), usually before TLS.</summary>
    LoginDisabled = 1 << 3,
    AuthPlain = 1 << 4,
    AuthLogin = 1 << 5,
    AuthXOAuth2 = 1 << 6,

    /// <summary>RFC 4959: the initial response goes with AUTHENTICATE.</summary>
    SaslIr = 1 << 7,

    /// <summary>RFC 2177.</summary>
    Idle = 1 << 8,

    /// <summary>RFC 4315: UID EXPUNGE removes only the messages named.</summary>
    UidPlus = 1 << 9,

    /// <summary>RFC 7888: {n+} literals need no continuation.</summary>
    LiteralPlus = 1 << 10,

    /// <summary>At least one capability was read: before that nothing is known.</summary>
    Known = 1 << 11,
}
