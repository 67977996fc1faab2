using Gateway.Core.Config;
using Gateway.Core.Net;

namespace Gateway.Mail;

/// <summary>
/// How to reach and log in to a mail server: what the SMTP and POP3 options share, read from the same
/// keys under each protocol's prefix (`smtp.host`, `pop3.host`, ...).
/// </summary>
public abstract class ServerOptions
{
    protected ServerOptions(int port, TlsMode tls)
    {
        Port = port;
        Tls = tls;
    }

    public string Host { get; set; } = "";

    public int Port { get; set; }

    public TlsMode Tls { get; set; }

    /// <summary>Null for no login.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>An OAuth 2 bearer token for XOAUTH2, instead of a password.</summary>
    public string? Token { get; set; }

    /// <summary>Send credentials over a clear connection; only honoured with <see cref="TlsMode.None"/>.</summary>
    public bool AllowPlainAuth { get; set; }

    /// <summary>Bounds the connect and every read and write.</summary>
    public int TimeoutMs { get; set; } = 30000;

    /// <summary>Whether a login is configured: a user, or a token.</summary>
    public bool HasLogin => User != null || Token != null;

    /// <summary>Reads host, port, tls, user, password, token, allow-plain-auth and timeout under <paramref name="prefix"/>.</summary>
    internal void ReadServerKeys(GatewayConfig c, string prefix)
    {
        Host = c.GetString(prefix + ".host") ?? "";
        Port = c.GetInt(prefix + ".port");
        Tls = c.GetTlsMode(prefix + ".tls");
        User = c.GetString(prefix + ".user");
        Password = c.GetString(prefix + ".password");
        Token = c.GetString(prefix + ".token");
        AllowPlainAuth = c.GetBool(prefix + ".allow-plain-auth");
        TimeoutMs = c.GetDurationMs(prefix + ".timeout");
    }
}
