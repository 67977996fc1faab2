using System;

namespace Gateway.Mail.Smtp;

/// <summary>What the server's EHLO reply offered.</summary>
[Flags]
public enum SmtpCapabilities
{
    None = 0,
    Size = 1 << 0,
    Pipelining = 1 << 1,
    EightBitMime = 1 << 2,
    SmtpUtf8 = 1 << 3,
    StartTls = 1 << 4,
    EnhancedStatusCodes = 1 << 5,
    Chunking = 1 << 6,
    Dsn = 1 << 7,
    AuthPlain = 1 << 8,
    AuthLogin = 1 << 9,
    AuthXOAuth2 = 1 << 10,
    AuthCramMd5 = 1 << 11,
    AuthOther = 1 << 12,

    /// <summary>Set when the server only answered HELO (no ESMTP).</summary>
    HeloOnly = 1 << 13,
}
