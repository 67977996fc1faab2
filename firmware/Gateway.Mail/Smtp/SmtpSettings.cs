using Gateway.Core.Config;

namespace Gateway.Mail.Smtp;

/// <summary>Reads <see cref="SmtpOptions"/> from the `smtp.*` keys.</summary>
public static class SmtpSettings
{
    /// <param name="defaultHelo">The EHLO name when smtp.helo is not set: the platform knows its own name or address.</param>
    public static SmtpOptions FromConfig(GatewayConfig c, string defaultHelo)
    {
        return new SmtpOptions
        {
            Host = c.GetString("smtp.host") ?? "",
            Port = c.GetInt("smtp.port"),
            Tls = c.GetTlsMode("smtp.tls"),
            User = c.GetString("smtp.user"),
            Password = c.GetString("smtp.password"),
            Token = c.GetString("smtp.token"),
            AllowPlainAuth = c.GetBool("smtp.allow-plain-auth"),
            HeloName = c.GetString("smtp.helo") ?? defaultHelo,
            TimeoutMs = c.GetDurationMs("smtp.timeout"),
        };
    }
}
