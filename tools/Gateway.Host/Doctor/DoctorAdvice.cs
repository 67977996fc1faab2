using System.Text.RegularExpressions;

namespace Gateway.Host.Doctor;

/// <summary>
/// Known failure texts and what to do about them: the problems people hit most with embedded mail.
/// The first row whose pattern matches a failing step's detail gives its advice.
/// </summary>
public static class DoctorAdvice
{
    sealed record Row(string Pattern, string Advice)
    {
        public readonly Regex Regex = new(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    static readonly Row[] Table =
    [
        new(@"\b535\b.*5\.7\.139", "Microsoft 365 has basic authentication (a password) turned off for this mailbox or tenant: enable SMTP AUTH for the mailbox in the admin centre, or use XOAUTH2 (smtp.token)."),
        new(@"\b53[45]\b.*5\.7\.(8|9)\b|\b534\b.*application-specific|\b535\b.*(Username and Password not accepted|authentication unsuccessful)",
            "The server refused the login (535 5.7.8 / 534 5.7.9): check the user (often the full address) and the password. Gmail and Outlook refuse the account's normal password: create an app password (needs 2-step verification) and put it in the password key, or use OAuth 2.0 with smtp.token / pop3.token (XOAUTH2)."),
        new(@"\b535\b", "The server refused the user name or password: check smtp.user (often the full address) and smtp.password; with Gmail or Outlook an app password or XOAUTH2 (smtp.token) is needed."),
        new(@"\b530\b.*(5\.7\.0|STARTTLS)|Must issue a STARTTLS", "The server wants STARTTLS before anything else: set smtp.tls = starttls (port 587), or smtp.tls = implicit with port 465."),
        new(@"\b55[04]\b.*(relay|not permitted|denied)", "The server does not relay for this sender: log in (smtp.user/smtp.password), use the provider's submission port 587, and send from an address the account owns (smtp.from)."),
        new(@"\b421\b.*(too many|connections)|\b421\b 4\.7\.0", "The server has too many connections from this address: close other clients or wait; the gateway retries with backoff."),
        new(@"\[AUTH\]", "POP3 [AUTH] (RFC 3206): the credentials are wrong or this login method is not allowed: check pop3.user/pop3.password; Gmail and Outlook need POP enabled and an app password or pop3.token."),
        new(@"\[SYS/TEMP\]", "POP3 [SYS/TEMP] (RFC 3206): a temporary problem on the server; try again later."),
        new(@"\[SYS/PERM\]", "POP3 [SYS/PERM] (RFC 3206): a lasting problem on the server side; ask the mail provider."),
        new(@"\[IN-USE\]", "POP3 [IN-USE] (RFC 3206): another client holds the mailbox lock: stop the other POP3 client (a phone or mail program) or wait for its session to end."),
        new(@"\[LOGIN-DELAY\]", "POP3 [LOGIN-DELAY] (RFC 2449): the server limits how often one may log in: raise pop3.interval."),
        new(@"does not match the pin", "The server's key changed or this is not the server you pinned: check the new key (`gateway doctor` prints it as pin: sha256/...) and update smtp.pin / pop3.pin only if you trust it."),
        new(@"not for the host that was dialled|name mismatch", "The certificate is for another name: use the host name it lists (the provider's documented server name), not an address or alias."),
        new(@"expired|NotTimeValid", "The certificate is outside its validity period: if the device clock is right, the server's certificate has expired (tell the provider); otherwise set the clock (NTP)."),
        new(@"UntrustedRoot|PartialChain|not trusted", "The certificate does not chain to a trusted root: for a private server put its CA in smtp.ca / pop3.ca (a PEM file), or pin its key with smtp.pin / pop3.pin; never turn checking off."),
        new(@"no greeting within", "The server accepted the connection but never greeted: on port 465 the server waits for TLS first (set smtp.tls = implicit), on 993/995 likewise for pop3.tls; otherwise a firewall or an overloaded server holds the line."),
        new(@"^(?=.*(:25\b|port 25\b))(?=.*(refused|timed out|no answer|cannot connect))", "Port 25 is blocked by many ISPs and clouds for outgoing mail: use the provider's submission port 587 (STARTTLS) or 465 (implicit TLS)."),
        new(@"refused|cannot connect", "Nothing listens there or a firewall rejects it: check smtp.host/smtp.port (pop3.*), and the ports reported open."),
        new(@"no answer from|timed out", "No answer: a firewall drops the packets or the host is down; check the port and the network path."),
        new(@"cannot resolve|no address", "The host name does not resolve: check the spelling and the device's DNS server."),
        new(@"clock", "Set the clock (NTP): TLS certificates and Date headers depend on it."),
    ];

    /// <summary>The advice for a failure text, or null when none is known.</summary>
    public static string? For(string detail)
    {
        foreach (var row in Table)
            if (row.Regex.IsMatch(detail))
                return row.Advice;
        return null;
    }
}
