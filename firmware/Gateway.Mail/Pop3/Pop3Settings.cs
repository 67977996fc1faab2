using Gateway.Core.Config;

namespace Gateway.Mail.Pop3;

/// <summary>Reads <see cref="Pop3Options"/> from the `pop3.*` keys.</summary>
public static class Pop3Settings
{
    /// <remarks>No key chooses USER/PASS over SASL PLAIN yet (PLAIN when offered, else USER/PASS).</remarks>
    public static Pop3Options FromConfig(GatewayConfig c)
    {
        var options = new Pop3Options();
        options.ReadServerKeys(c, "pop3");
        options.UseApop = c.GetBool("pop3.apop");
        return options;
    }
}
