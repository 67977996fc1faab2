namespace Gateway.Mail.Pop3;

/// <summary>The extended response codes of RFC 2449 section 8 and RFC 3206, as far as a client acts on them.</summary>
public enum Pop3ResponseCode
{
    /// <summary>No code in brackets.</summary>
    None = 0,

    /// <summary>[IN-USE] (RFC 2449 8.1.1): the maildrop is locked by another session; try later.</summary>
    InUse = 1,

    /// <summary>[LOGIN-DELAY] (RFC 2449 8.1.2): logged in too soon after the last time.</summary>
    LoginDelay = 2,

    /// <summary>[SYS/TEMP] (RFC 3206 4): a temporary system problem.</summary>
    SysTemp = 3,

    /// <summary>[SYS/PERM] (RFC 3206 4): a problem that will not go away by waiting.</summary>
    SysPerm = 4,

    /// <summary>[AUTH] (RFC 3206 5): the credentials were wrong.</summary>
    Auth = 5,

    /// <summary>A code this client does not know; the raw text is in <see cref="Pop3Response.Code"/>.</summary>
    Other = 6,
}
