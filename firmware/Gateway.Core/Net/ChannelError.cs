namespace Gateway.Core.Net;

/// <summary>What went wrong with a connection, so protocol code can tell transient from permanent.</summary>
public enum ChannelError
{
    /// <summary>The name did not resolve.</summary>
    HostNotFound = 1,

    /// <summary>The server refused or did not answer the connection.</summary>
    ConnectFailed = 2,

    /// <summary>A connect, read or write took longer than allowed.</summary>
    Timeout = 3,

    /// <summary>The connection was reset or closed while data was still expected.</summary>
    ConnectionLost = 4,

    /// <summary>The TLS handshake failed (protocol, cipher, or an alert from the server).</summary>
    TlsFailed = 5,

    /// <summary>The server's certificate was not trusted, expired, or named another host.</summary>
    CertificateRejected = 6,
}
