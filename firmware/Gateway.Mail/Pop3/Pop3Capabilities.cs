using System;

namespace Gateway.Mail.Pop3;

/// <summary>What the server's CAPA (RFC 2449) and greeting offered.</summary>
[Flags]
public enum Pop3Capabilities
{
    None = 0,
    Top = 1 << 0,
    User = 1 << 1,
    Uidl = 1 << 2,
    Stls = 1 << 3,
    Pipelining = 1 << 4,
    RespCodes = 1 << 5,
    AuthRespCode = 1 << 6,
    LoginDelay = 1 << 7,
    Expire = 1 << 8,
    Utf8 = 1 << 9,

    /// <summary>A SASL line was listed (RFC 5034), whatever its mechanisms.</summary>
    Sasl = 1 << 10,
    SaslPlain = 1 << 11,
    SaslLogin = 1 << 12,
    SaslXOAuth2 = 1 << 13,
    SaslOther = 1 << 14,

    /// <summary>The greeting carried an APOP timestamp (RFC 1939 section 7).</summary>
    Apop = 1 << 15,

    /// <summary>The server answered CAPA with -ERR: an RFC 1939-only server, nothing is known.</summary>
    NoCapa = 1 << 16,
}
