using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.App.Diagnostics;

/// <summary>
/// The one advice table: which <see cref="MailProblem"/> a typed failure is, and what to do about it
/// in one line for the serial console. The device's start-up check and the host's doctor both read it,
/// so they cannot disagree; the doctor may add longer text to a row, never a different verdict.
/// </summary>
public static class MailAdvice
{
    /// <summary>Which row an SMTP failure is, or None when its message says all there is.</summary>
    public static MailProblem Of(SmtpException e)
    {
        var lost = e.InnerException as ChannelException;
        if (lost != null) return OfChannel(lost.Error, e.Stage == SmtpStage.Greeting);
        switch (e.Code)
        {
            case 534:
            case 535:
                // 5.7.139: Microsoft 365 with basic authentication turned off; a password cannot work.
                return e.EnhancedCode == "5.7.139" ? MailProblem.BasicAuthDisabled : MailProblem.LoginRefused;
            case 530:
                return MailProblem.TlsRequired;
            case 421:
                return MailProblem.TooManyConnections;
            case 550:
            case 551:
            case 554:
                return e.Stage == SmtpStage.RcptTo && e.EnhancedCode == "5.7.1" ? MailProblem.NotRelayed : MailProblem.None;
        }
        if (e.Stage == SmtpStage.StartTls && e.Code == 0 && e.Kind == SmtpErrorKind.Security)
            return MailProblem.NoStartTls;
        return MailProblem.None;
    }

    /// <summary>Which row a POP3 failure is, or None when its message says all there is.</summary>
    public static MailProblem Of(Pop3Exception e)
    {
        var lost = e.InnerException as ChannelException;
        if (lost != null) return OfChannel(lost.Error, e.Stage == Pop3Stage.Greeting);
        switch (e.CodeKind)
        {
            case Pop3ResponseCode.Auth: return MailProblem.Pop3LoginRefused;
            case Pop3ResponseCode.InUse: return MailProblem.Pop3InUse;
            case Pop3ResponseCode.LoginDelay: return MailProblem.Pop3LoginDelay;
            case Pop3ResponseCode.SysTemp: return MailProblem.Pop3SysTemp;
            case Pop3ResponseCode.SysPerm: return MailProblem.Pop3SysPerm;
        }
        if (e.Stage == Pop3Stage.Stls && !e.HasResponse && e.Kind == Pop3ErrorKind.Security)
            return MailProblem.NoStls;
        return MailProblem.None;
    }

    /// <summary>Which row an IMAP failure is, or None when its message says all there is.</summary>
    public static MailProblem Of(ImapException e)
    {
        var lost = e.InnerException as ChannelException;
        // The client names the step: "connect" while it waits for the greeting.
        if (lost != null) return OfChannel(lost.Error, e.Command == "connect" || e.Command == "greeting");
        // RFC 5530: UNAVAILABLE is the server's trouble, not the credentials; a NO to a login without a code is.
        if (e.Code == "UNAVAILABLE")
            return MailProblem.TooManyConnections;
        if (e.Code == "AUTHENTICATIONFAILED" || (e.Status == "NO" && (e.Command == "LOGIN" || Ascii.StartsWith(e.Command, "AUTHENTICATE"))))
            return MailProblem.LoginRefused;
        if (e.Command == "STARTTLS" && !e.HasResponse && e.Kind == ImapErrorKind.Security)
            return MailProblem.NoImapStartTls;
        return MailProblem.None;
    }

    /// <summary>Which row a connection failure is; <paramref name="greeting"/>: it happened waiting for the greeting.</summary>
    public static MailProblem OfChannel(ChannelError error, bool greeting)
    {
        switch (error)
        {
            case ChannelError.HostNotFound: return MailProblem.HostNotFound;
            case ChannelError.ConnectFailed: return MailProblem.ConnectFailed;
            case ChannelError.Timeout: return greeting ? MailProblem.NoGreeting : MailProblem.NoAnswer;
            case ChannelError.CertificateRejected: return MailProblem.CertificateRejected;
            case ChannelError.TlsFailed: return MailProblem.TlsFailed;
        }
        return MailProblem.None;
    }

    /// <summary>The row's advice in one line; <paramref name="service"/> ("smtp", "pop3") names the keys. Null for None.</summary>
    public static string? Text(MailProblem problem, string service)
    {
        switch (problem)
        {
            case MailProblem.UnsetClock:
                return "the clock is not set (SNTP has not answered): no certificate can be checked and Date headers are wrong; check that the network reaches an NTP server";
            case MailProblem.ClockOff:
                return "the clock is far off: set it (NTP); TLS certificates and Date headers depend on it";
            case MailProblem.HostNotFound:
                return "the name does not resolve: check " + service + ".host and the DNS server the network gave";
            case MailProblem.ConnectFailed:
                return "nothing answers on that port or a firewall refuses it (many ISPs block 25): check " + service + ".port";
            case MailProblem.NoGreeting:
                return "connected but no greeting: on 465/995 the server waits for TLS first (" + service + ".tls = implicit)";
            case MailProblem.NoAnswer:
                return "no answer in time: a firewall drops the packets or the server is down";
            case MailProblem.CertificateRejected:
                return "the certificate was not accepted: put the CA that signed it in " + service + ".ca (or pin its key with " + service + ".pin) and check the clock; never turn checking off";
            case MailProblem.TlsFailed:
                return "the TLS handshake failed: on 587/110 use " + service + ".tls = starttls, on 465/995 implicit; the server may also want a newer TLS";
            case MailProblem.NoStartTls:
                return "this port offers no STARTTLS: use the provider's port 587 (smtp.tls = starttls) or 465 (smtp.tls = implicit)";
            case MailProblem.TlsRequired:
                return "the server wants TLS first: smtp.tls = starttls (port 587) or smtp.tls = implicit (port 465)";
            case MailProblem.LoginRefused:
                return "the login was refused: check " + service + ".user (often the full address) and " + service + ".password; Gmail and Outlook want an app password or " + service + ".token (XOAUTH2)";
            case MailProblem.BasicAuthDisabled:
                return "Microsoft 365 has basic authentication turned off for this mailbox: enable SMTP AUTH for it, or use XOAUTH2 (" + service + ".token)";
            case MailProblem.NotRelayed:
                return "the server does not relay for this sender: log in, use the submission port 587, and send from an address the account owns (smtp.from)";
            case MailProblem.TooManyConnections:
                return "the server is busy or has too many connections from this address: the gateway retries with backoff";
            case MailProblem.Pop3LoginRefused:
                return "the login was refused [AUTH]: check pop3.user and pop3.password; Gmail and Outlook need POP turned on and an app password or pop3.token";
            case MailProblem.Pop3InUse:
                return "another client holds the mailbox lock [IN-USE]: stop the other POP3 client or wait";
            case MailProblem.Pop3LoginDelay:
                return "the server limits how often one may log in [LOGIN-DELAY]: raise pop3.interval";
            case MailProblem.Pop3SysTemp:
                return "a temporary problem at the server [SYS/TEMP]: the gateway tries again";
            case MailProblem.Pop3SysPerm:
                return "a lasting problem at the server [SYS/PERM]: ask the mail provider";
            case MailProblem.NoImapStartTls:
                return "this port offers no STARTTLS: use the provider's port 993 (imap.tls = implicit) or 143 with STARTTLS";
            case MailProblem.NoStls:
                return "this port offers no STLS: use the provider's port 995 (pop3.tls = implicit) or one with STLS";
        }
        return null;
    }

    /// <summary>The advice for an SMTP failure, or null.</summary>
    public static string? For(SmtpException e) => Text(Of(e), "smtp");

    /// <summary>The advice for an IMAP failure, or null.</summary>
    public static string? For(ImapException e) => Text(Of(e), "imap");

    /// <summary>The advice for a POP3 failure, or null.</summary>
    public static string? For(Pop3Exception e) => Text(Of(e), "pop3");
}
