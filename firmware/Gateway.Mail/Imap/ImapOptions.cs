using Gateway.Core.Net;

namespace Gateway.Mail.Imap;

/// <summary>
/// How to reach and log in to the IMAP server (from the `imap.*` configuration keys). The timeout
/// bounds DONE's answer too: it is how a dead IDLE is noticed.
/// </summary>
public sealed class ImapOptions : MailServerOptions
{
    public ImapOptions()
        : base(993, TlsMode.Implicit)
    {
    }
}
