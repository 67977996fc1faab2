using Gateway.Core.Config;
using Gateway.Core.Net;

namespace Gateway.Mail;

/// <summary>
/// How to reach and log in to a mail server: what the SMTP, POP3 and IMAP options share, read from
/// their `PROTOCOL.*` keys in one place.
/// </summary>
public abstract class MailServerOptions
{
    protected MailServerOptions(int port, TlsMode tls)
    {
        Port = port;
        Tls = tls;
    }

    public string Host { get; set; } = "";

    public int Port { get; set; }

    public TlsMode Tls { get; set; }

    /// <summary>Null: connect without logging in.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>An OAuth 2 bearer token for XOAUTH2, instead of a password.</summary>
    public string? Token { get; set; }

    /// <summary>Send credentials over a clear connection; only honoured with <see cref="TlsMode.None"/> (test servers).</summary>
    public bool AllowPlainAuth { get; set; }

    /// <summary>Bounds the connect and the answer to every command.</summary>
    public int TimeoutMs { get; set; } = 30000;

    /// <summary>Whether a login is configured: a user, or a token.</summary>
    public bool HasLogin => User != null || Token != null;

    /// <summary>Fills the shared fields from `<paramref name="protocol"/>.host`, `.port`, `.tls`, `.user`, `.password`, `.token`, `.allow-plain-auth`, `.timeout`.</summary>
    public void ReadServer(GatewayConfig c, string protocol)
    {
        Host = c.GetString(protocol + ".host") ?? "";
        Port = c.GetInt(protocol + ".port");
        Tls = c.GetTlsMode(protocol + ".tls");
        User = c.GetString(protocol + ".user");
        Password = c.GetString(protocol + ".password");
        Token = c.GetString(protocol + ".token");
        AllowPlainAuth = c.GetBool(protocol + ".allow-plain-auth");
        TimeoutMs = c.GetDurationMs(protocol + ".timeout");
    }
}
