using System.Security.Cryptography.X509Certificates;
using Gateway.App.Diagnostics;
using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// The doctor's advice: the row of the core's one table (<see cref="MailAdvice"/>, which the device's
/// start-up check prints too) for a typed failure, with longer text the host can afford added to some
/// rows: what the certificate itself shows, the blocked port 25, the provider's app passwords. The
/// verdict is always the core's row; the host never picks a different one.
/// </summary>
public static class DoctorAdvice
{
    /// <summary>Which row of the core's table a failure is.</summary>
    public static MailProblem Problem(Exception e) => e switch
    {
        SmtpException smtp => MailAdvice.Of(smtp),
        Pop3Exception pop3 => MailAdvice.Of(pop3),
        ImapException imap => MailAdvice.Of(imap),
        ChannelException channel => MailAdvice.OfChannel(channel.Error, false),
        _ => MailProblem.None,
    };

    /// <summary>The advice for a failure in a session's step, or null when the core's table has no row for it.</summary>
    public static string? For(Exception e, ProbeSession s) => For(Problem(e), s.Target, s.Channel?.PeerCertificate);

    /// <summary>The core's row for <paramref name="problem"/>, then the host's longer text for it, if any.</summary>
    public static string? For(MailProblem problem, DoctorTarget t, X509Certificate2? leaf = null)
    {
        var row = MailAdvice.Text(problem, t.Protocol);
        if (row == null)
            return null;
        var more = Longer(problem, t, leaf);
        return more == null ? row : row + ". " + more;
    }

    static string? Longer(MailProblem problem, DoctorTarget t, X509Certificate2? leaf) => problem switch
    {
        MailProblem.LoginRefused when t.IsImap =>
            "The server refused the login (NO [AUTHENTICATIONFAILED]). Gmail and Outlook refuse the account's normal password: create an app password (needs 2-step verification) and put it in imap.password, or use OAuth 2.0 with imap.token (XOAUTH2).",
        MailProblem.LoginRefused =>
            $"The server refused the login (535 5.7.8 / 534 5.7.9). Gmail and Outlook refuse the account's normal password: create an app password (needs 2-step verification) and put it in {t.Protocol}.password, or use OAuth 2.0 with {t.Protocol}.token (XOAUTH2).",
        MailProblem.BasicAuthDisabled => "(535 5.7.139) In the Microsoft 365 admin centre: the mailbox's 'Authenticated SMTP' setting.",
        MailProblem.Pop3LoginRefused => "POP3 [AUTH] (RFC 3206): the credentials are wrong or this login method is not allowed.",
        MailProblem.Pop3InUse or MailProblem.Pop3SysTemp or MailProblem.Pop3SysPerm => "(RFC 3206 response code)",
        MailProblem.Pop3LoginDelay => "(RFC 2449 LOGIN-DELAY)",
        MailProblem.ConnectFailed or MailProblem.NoAnswer when t.IsSmtp && t.Port == 25 =>
            "Port 25 is blocked by many ISPs and clouds for outgoing mail: use the provider's submission port 587 (STARTTLS) or 465 (implicit TLS).",
        MailProblem.NoStartTls or MailProblem.NoStls or MailProblem.NoImapStartTls =>
            "Use the port where the server offers TLS (SMTP: 587 starttls or 465 implicit; POP3: 995 implicit or 110 with STLS; IMAP: 993 implicit or 143 with STARTTLS).",
        MailProblem.CertificateRejected => Certificate(t, leaf),
        MailProblem.UnsetClock or MailProblem.ClockOff => "Set the clock (NTP): TLS certificates and Date headers depend on it.",
        _ => null,
    };

    /// <summary>What the certificate itself shows is wrong with it: another name, outside its validity, not the pinned key.</summary>
    static string? Certificate(DoctorTarget t, X509Certificate2? leaf)
    {
        if (leaf == null)
            return null;
        if (t.Pin != null && TlsTrust.IsValidPin(t.Pin) && !t.Pin.EndsWith(TlsTrust.PinOf(leaf), StringComparison.Ordinal))
            return $"The server's key does not match the pin: check the new key (pin: sha256/{TlsTrust.PinOf(leaf)}) and update {t.Protocol}.pin only if you trust it.";
        var now = DateTime.UtcNow;
        if (now > leaf.NotAfter.ToUniversalTime() || now < leaf.NotBefore.ToUniversalTime())
            return "The certificate is outside its validity period: if the device clock is right, the server's certificate has expired (tell the provider); otherwise set the clock (NTP).";
        bool named = System.Net.IPAddress.TryParse(t.Host, out _)
            ? TlsTrust.Names(leaf).Contains(t.Host, StringComparison.Ordinal)
            : leaf.MatchesHostname(t.Host);
        return named ? null : "The certificate is for another name: use the host name it lists (the provider's documented server name), not an address or alias.";
    }
}
