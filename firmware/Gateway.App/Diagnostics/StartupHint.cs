using Gateway.Core.Net;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.App.Diagnostics;

/// <summary>
/// What to do about the failures people hit most with embedded mail, in one line for the serial
/// console. The host's doctor has the longer table; this is the short one the device can afford.
/// </summary>
public static class StartupHint
{
    public const string UnsetClock =
        "the clock is not set (SNTP has not answered): no certificate can be checked and Date headers are wrong; check that the network reaches an NTP server";

    /// <summary>The hint for an SMTP failure, or null when its message says all there is.</summary>
    public static string? For(SmtpException e)
    {
        var lost = e.InnerException as ChannelException;
        if (lost != null) return ForChannel(lost.Error, e.Stage == SmtpStage.Greeting, "smtp");
        switch (e.Code)
        {
            case 534:
            case 535:
                return "the login was refused: check smtp.user (often the full address) and smtp.password; Gmail and Outlook want an app password or smtp.token (XOAUTH2)";
            case 530:
                return "the server wants TLS first: smtp.tls = starttls (port 587) or smtp.tls = implicit (port 465)";
            case 421:
                return "the server is busy or has too many connections from this address: the gateway retries with backoff";
        }
        if (e.Stage == SmtpStage.StartTls && e.Code == 0)
            return "this port offers no STARTTLS: use the provider's port 587 (smtp.tls = starttls) or 465 (smtp.tls = implicit)";
        return null;
    }

    /// <summary>The hint for a POP3 failure, or null when its message says all there is.</summary>
    public static string? For(Pop3Exception e)
    {
        var lost = e.InnerException as ChannelException;
        if (lost != null) return ForChannel(lost.Error, e.Stage == Pop3Stage.Greeting, "pop3");
        switch (e.CodeKind)
        {
            case Pop3ResponseCode.Auth:
                return "the login was refused [AUTH]: check pop3.user and pop3.password; Gmail and Outlook need POP turned on and an app password or pop3.token";
            case Pop3ResponseCode.InUse:
                return "another client holds the mailbox [IN-USE]: stop the other POP3 client or wait";
            case Pop3ResponseCode.LoginDelay:
                return "the server limits how often one may log in [LOGIN-DELAY]: raise pop3.interval";
            case Pop3ResponseCode.SysTemp:
                return "a temporary problem at the server [SYS/TEMP]: the gateway tries again";
        }
        if (e.Stage == Pop3Stage.Stls && !e.HasResponse)
            return "this port offers no STLS: use the provider's port 995 (pop3.tls = implicit) or one with STLS";
        return null;
    }

    static string? ForChannel(ChannelError error, bool greeting, string service)
    {
        switch (error)
        {
            case ChannelError.HostNotFound:
                return "the name does not resolve: check " + service + ".host and the DNS server the network gave";
            case ChannelError.ConnectFailed:
                return "nothing answers on that port or a firewall refuses it (many ISPs block 25): check " + service + ".port";
            case ChannelError.Timeout:
                return greeting
                    ? "connected but no greeting: on 465/995 the server waits for TLS first (" + service + ".tls = implicit)"
                    : "no answer in time: a firewall drops the packets or the server is down";
            case ChannelError.CertificateRejected:
                return "the certificate was not accepted: put the CA that signed it in " + service + ".ca and check the clock; never turn checking off";
            case ChannelError.TlsFailed:
                return "the TLS handshake failed: on 587/110 use " + service + ".tls = starttls, on 465/995 implicit; the server may also want a newer TLS";
        }
        return null;
    }
}
