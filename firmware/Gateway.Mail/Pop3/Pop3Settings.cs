using Gateway.Core.Config;

namespace Gateway.Mail.Pop3;

/// <summary>Reads <see cref="Pop3Options"/> from the `pop3.*` keys.</summary>
public static class Pop3Settings
{
    /// <remarks>No key chooses APOP or USER/PASS yet: both stay off (SASL PLAIN when offered, else USER/PASS).</remarks>
    public static Pop3Options FromConfig(GatewayConfig c)
    {
        return new Pop3Options
        {
            Host = c.GetString("pop3.host") ?? "",
            Port = c.GetInt("pop3.port"),
            Tls = c.GetTlsMode("pop3.tls"),
            User = c.GetString("pop3.user"),
            Password = c.GetString("pop3.password"),
            Token = c.GetString("pop3.token"),
            AllowPlainAuth = c.GetBool("pop3.allow-plain-auth"),
            UseApop = c.GetBool("pop3.apop"),
            TimeoutMs = c.GetDurationMs("pop3.timeout"),
        };
    }
}
