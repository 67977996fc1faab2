using Gateway.Core.Config;

namespace Gateway.Mail.Smtp;

/// <summary>Reads <see cref="SmtpOptions"/> from the `smtp.*` keys.</summary>
public static class SmtpSettings
{
    /// <param name="defaultHelo">The EHLO name when smtp.helo is not set: the platform knows its own name or address.</param>
    public static SmtpOptions FromConfig(GatewayConfig c, string defaultHelo)
    {
        var o = new SmtpOptions();
        o.ReadServer(c, "smtp");
        o.HeloName = c.GetString("smtp.helo") ?? defaultHelo;
        return o;
    }
}
