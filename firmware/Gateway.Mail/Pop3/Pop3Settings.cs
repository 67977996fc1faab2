using Gateway.Core.Config;

namespace Gateway.Mail.Pop3;

/// <summary>Reads <see cref="Pop3Options"/> from the `pop3.*` keys.</summary>
public static class Pop3Settings
{
    /// <remarks>No key chooses APOP or USER/PASS yet: both stay off (SASL PLAIN when offered, else USER/PASS).</remarks>
    public static Pop3Options FromConfig(GatewayConfig c)
    {
        var o = new Pop3Options();
        o.ReadServer(c, "pop3");
        o.UseApop = c.GetBool("pop3.apop");
        return o;
    }
}
