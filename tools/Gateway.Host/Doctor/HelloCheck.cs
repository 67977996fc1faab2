using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// The gateway's client says EHLO (SMTP) or CAPA (POP3); for IMAP it read CAPABILITY with the greeting (from its
/// response code or the command). The step lists what the server offers, as the client understood it.
/// </summary>
public static class HelloCheck
{
    public static StepResult Run(ProbeSession s)
    {
        if (s.Smtp != null)
        {
            s.Smtp.Establish(SmtpStage.Hello);
            return Offered();
        }
        if (s.Imap != null)
            return Offered();
        s.Pop3!.AskCapabilities();
        if ((s.Pop3.Capabilities & Pop3Capabilities.NoCapa) != 0)
            return StepResult.Warn("CAPA not supported (the gateway then assumes USER/PASS only)");
        return Offered();

        StepResult Offered()
        {
            var names = Names(s);
            return StepResult.Pass(names.Length == 0 ? "no capabilities listed" : string.Join(", ", names));
        }
    }

    /// <summary>After STARTTLS/STLS the client asked again (AUTH usually appears only now): what it learned.</summary>
    public static StepResult AfterTls(ProbeSession s) => StepResult.Pass(string.Join(", ", Names(s)) is { Length: > 0 } text ? text : "no capabilities listed");

    /// <summary>The capabilities in the words of the protocol ("AUTH PLAIN", "SASL LOGIN", "PIPELINING").</summary>
    public static string[] Names(ProbeSession s)
    {
        var words = new List<string>();
        if (s.Smtp != null)
        {
            var c = s.Smtp.Capabilities;
            foreach (SmtpCapabilities flag in Enum.GetValues<SmtpCapabilities>())
                if (flag != SmtpCapabilities.None && (c & flag) == flag)
                    words.Add(flag switch
                    {
                        SmtpCapabilities.Size => s.Smtp.MaxMessageSize > 0 ? "SIZE " + s.Smtp.MaxMessageSize : "SIZE",
                        SmtpCapabilities.EightBitMime => "8BITMIME",
                        SmtpCapabilities.AuthPlain => "AUTH PLAIN",
                        SmtpCapabilities.AuthLogin => "AUTH LOGIN",
                        SmtpCapabilities.AuthXOAuth2 => "AUTH XOAUTH2",
                        SmtpCapabilities.AuthCramMd5 => "AUTH CRAM-MD5",
                        SmtpCapabilities.AuthOther => "AUTH (other)",
                        SmtpCapabilities.HeloOnly => "HELO only",
                        _ => flag.ToString().ToUpperInvariant(),
                    });
        }
        else if (s.Imap != null)
        {
            var c = s.Imap.Capabilities;
            foreach (ImapCapabilities flag in Enum.GetValues<ImapCapabilities>())
                if (flag != ImapCapabilities.None && flag != ImapCapabilities.Known && (c & flag) == flag)
                    words.Add(flag switch
                    {
                        ImapCapabilities.Imap4Rev1 => "IMAP4rev1",
                        ImapCapabilities.Imap4Rev2 => "IMAP4rev2",
                        ImapCapabilities.AuthPlain => "AUTH=PLAIN",
                        ImapCapabilities.AuthLogin => "AUTH=LOGIN",
                        ImapCapabilities.AuthXOAuth2 => "AUTH=XOAUTH2",
                        ImapCapabilities.SaslIr => "SASL-IR",
                        ImapCapabilities.LiteralPlus => "LITERAL+",
                        _ => flag.ToString().ToUpperInvariant(),
                    });
        }
        else
        {
            var c = s.Pop3!.Capabilities;
            foreach (Pop3Capabilities flag in Enum.GetValues<Pop3Capabilities>())
                if (flag != Pop3Capabilities.None && flag != Pop3Capabilities.Sasl && (c & flag) == flag)
                    words.Add(flag switch
                    {
                        Pop3Capabilities.SaslPlain => "SASL PLAIN",
                        Pop3Capabilities.SaslLogin => "SASL LOGIN",
                        Pop3Capabilities.SaslXOAuth2 => "SASL XOAUTH2",
                        Pop3Capabilities.SaslOther => "SASL (other)",
                        Pop3Capabilities.RespCodes => "RESP-CODES",
                        Pop3Capabilities.AuthRespCode => "AUTH-RESP-CODE",
                        Pop3Capabilities.LoginDelay => "LOGIN-DELAY " + s.Pop3.LoginDelaySeconds,
                        Pop3Capabilities.Apop => "APOP (greeting timestamp)",
                        _ => flag.ToString().ToUpperInvariant(),
                    });
        }
        return words.ToArray();
    }
}
