using Gateway.Core.Net;

namespace Gateway.Mail.Smtp;

/// <summary>How to reach and log in to the SMTP server (from the `smtp.*` configuration keys); a null User sends no AUTH.</summary>
public sealed class SmtpOptions : MailServerOptions
{
    public SmtpOptions()
        : base(587, TlsMode.StartTls)
    {
    }

    /// <summary>The name given in EHLO: the device's domain or an address literal such as "[192.0.2.7]".</summary>
    public string HeloName { get; set; } = "localhost";
}
