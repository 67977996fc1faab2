using Gateway.Core.Config;

namespace Gateway.Mail.Imap;

/// <summary>Reads <see cref="ImapOptions"/> from the `imap.*` keys.</summary>
public static class ImapSettings
{
    public static ImapOptions FromConfig(GatewayConfig c)
    {
        var o = new ImapOptions();
        o.ReadServer(c, "imap");
        return o;
    }
}
