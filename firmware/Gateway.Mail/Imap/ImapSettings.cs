using Gateway.Core.Config;

namespace Gateway.Mail.Imap;

/// <summary>Reads <see cref="ImapOptions"/> from the `imap.*` keys.</summary>
public static class ImapSettings
{
    public static ImapOptions FromConfig(GatewayConfig c)
    {
        return new ImapOptions
        {
            Host = c.GetString("imap.host") ?? "",
            Port = c.GetInt("imap.port"),
            Tls = c.GetTlsMode("imap.tls"),
            User = c.GetString("imap.user"),
            Password = c.GetString("imap.password"),
            Token = c.GetString("imap.token"),
            AllowPlainAuth = c.GetBool("imap.allow-plain-auth"),
            TimeoutMs = c.GetDurationMs("imap.timeout"),
        };
    }
}
