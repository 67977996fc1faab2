using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>
/// The lines of a CAPA response (RFC 2449 6), each a tag and its arguments, folded into
/// <see cref="Pop3Capabilities"/> as they arrive; LOGIN-DELAY's seconds are kept. Unknown tags are
/// ignored, as the RFC asks.
/// </summary>
public static class Pop3CapabilityParser
{
    /// <summary>What one CAPA line offers; a LOGIN-DELAY line also sets <paramref name="loginDelaySeconds"/>.</summary>
    public static Pop3Capabilities Parse(string line, ref int loginDelaySeconds)
    {
        int pos = 0;
        string? tag = Pop3Fields.Token(line, ref pos);
        if (tag == null) return Pop3Capabilities.None;
        switch (Ascii.ToUpper(tag))
        {
            case "TOP": return Pop3Capabilities.Top;
            case "USER": return Pop3Capabilities.User;
            case "UIDL": return Pop3Capabilities.Uidl;
            case "STLS": return Pop3Capabilities.Stls;
            case "PIPELINING": return Pop3Capabilities.Pipelining;
            case "RESP-CODES": return Pop3Capabilities.RespCodes;
            case "AUTH-RESP-CODE": return Pop3Capabilities.AuthRespCode;
            case "EXPIRE": return Pop3Capabilities.Expire;
            case "UTF8": return Pop3Capabilities.Utf8;
            case "LOGIN-DELAY":
                string? seconds = Pop3Fields.Token(line, ref pos);
                if (seconds != null && Ascii.TryParseInt(seconds, out int s))
                    loginDelaySeconds = s;
                return Pop3Capabilities.LoginDelay;
            case "SASL":
                return Mechanisms(line, pos);
            default:
                return Pop3Capabilities.None;
        }
    }

    /// <summary>RFC 5034 6: "SASL" followed by the mechanism names.</summary>
    static Pop3Capabilities Mechanisms(string line, int pos)
    {
        var caps = Pop3Capabilities.Sasl;
        for (string? m = Pop3Fields.Token(line, ref pos); m != null; m = Pop3Fields.Token(line, ref pos))
        {
            if (Ascii.EqualsIgnoreCase(m, "PLAIN")) caps |= Pop3Capabilities.SaslPlain;
            else if (Ascii.EqualsIgnoreCase(m, "LOGIN")) caps |= Pop3Capabilities.SaslLogin;
            else if (Ascii.EqualsIgnoreCase(m, "XOAUTH2")) caps |= Pop3Capabilities.SaslXOAuth2;
            else caps |= Pop3Capabilities.SaslOther;
        }
        return caps;
    }
}
