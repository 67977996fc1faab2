using Gateway.Core.Net;

namespace Gateway.Mail.Smtp;

/// <summary>How to reach and log in to the SMTP server (from the `smtp.*` configuration keys).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public TlsMode Tls { get; set; } = TlsMode.StartTls;

    /// <summary>Null for no AUTH.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>An OAuth 2 bearer token for XOAUTH2, instead of a password.</summary>
    public string? Token { get; set; }

    /// <summary>Send credentials over a clear connection; only honoured with <see cref="TlsMode.None"/>.</summary>
    public bool AllowPlainAuth { get; set; }

    /// <summary>The name given in EHLO: the device's domain or an address literal such as "[192.0.2.7]".</summary>
    public string HeloName { get; set; } = "localhost";

    /// <summary>Bounds the connect and every read and write.</summary>
    public int TimeoutMs { get; set; } = 30000;
}
