using Gateway.App.Diagnostics;
using Gateway.Core.Net;
using Gateway.Host.Doctor;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Tests.Doctor;

/// <summary>
/// The failures people meet, as the clients throw them (typed), each given the core's advice row and
/// the host's longer text: the doctor and the device's start-up check read the same table.
/// </summary>
public class DoctorAdviceTests
{
    static readonly DoctorTarget Smtp587 = new() { Protocol = "smtp", Host = "smtp.example.com", Port = 587, Tls = TlsMode.StartTls };
    static readonly DoctorTarget Smtp25 = new() { Protocol = "smtp", Host = "smtp.example.com", Port = 25, Tls = TlsMode.None };
    static readonly DoctorTarget Pop995 = new() { Protocol = "pop3", Host = "pop.example.com", Port = 995, Tls = TlsMode.Implicit };

    static readonly DoctorTarget Imap993 = new() { Protocol = "imap", Host = "imap.example.com", Port = 993, Tls = TlsMode.Implicit };

    static SmtpException Refused(SmtpStage stage, int code, string enhanced, string text) =>
        new(stage, new SmtpReply(code, enhanced, [enhanced + " " + text]));

    static Pop3Exception Pop3Refused(string text) => new(Pop3Stage.Auth, new Pop3Response(false, text));

    static string Advice(Exception e, DoctorTarget t) => DoctorAdvice.For(DoctorAdvice.Problem(e), t) ?? "";

    public static TheoryData<Exception, MailProblem, string> Failures() => new()
    {
        { Refused(SmtpStage.Auth, 535, "5.7.8", "Username and Password not accepted"), MailProblem.LoginRefused, "app password" },
        { Refused(SmtpStage.Auth, 534, "5.7.9", "Application-specific password required"), MailProblem.LoginRefused, "XOAUTH2" },
        { Refused(SmtpStage.Auth, 535, "5.7.139", "Authentication unsuccessful, basic authentication is disabled"), MailProblem.BasicAuthDisabled, "basic authentication" },
        { Refused(SmtpStage.Auth, 530, "5.7.0", "Must issue a STARTTLS command first"), MailProblem.TlsRequired, "smtp.tls = starttls" },
        { Refused(SmtpStage.RcptTo, 554, "5.7.1", "<x@example.org>: Relay access denied"), MailProblem.NotRelayed, "does not relay" },
        { Refused(SmtpStage.Greeting, 421, "4.7.0", "Too many connections from your host"), MailProblem.TooManyConnections, "too many connections" },
        { new SmtpException(SmtpErrorKind.Security, SmtpStage.StartTls, "the server does not offer STARTTLS"), MailProblem.NoStartTls, "587 starttls or 465 implicit" },
        { Pop3Refused("[AUTH] Authentication failed"), MailProblem.Pop3LoginRefused, "RFC 3206" },
        { Pop3Refused("[SYS/TEMP] Try again later"), MailProblem.Pop3SysTemp, "temporary problem" },
        { Pop3Refused("[IN-USE] Mailbox locked"), MailProblem.Pop3InUse, "mailbox lock" },
        { new Pop3Exception(Pop3ErrorKind.Transient, Pop3Stage.Greeting, "greeting: timed out", new ChannelException(ChannelError.Timeout, "timed out")), MailProblem.NoGreeting, "pop3.tls = implicit" },
        { new ChannelException(ChannelError.HostNotFound, "no such host"), MailProblem.HostNotFound, "does not resolve" },
        { new ImapException("AUTHENTICATE PLAIN", new ImapStatus("NO", "AUTHENTICATIONFAILED", "", "Authentication failed.")), MailProblem.LoginRefused, "imap.password" },
        { new ImapException("LOGIN", new ImapStatus("NO", "", "", "Login failed")), MailProblem.LoginRefused, "NO [AUTHENTICATIONFAILED]" },
        { new ImapException("LOGIN", new ImapStatus("NO", "UNAVAILABLE", "", "Try later")), MailProblem.TooManyConnections, "retries with backoff" },
        { new ImapException(ImapErrorKind.Security, "STARTTLS", "the server does not offer STARTTLS"), MailProblem.NoImapStartTls, "imap.tls = implicit" },
        { new ImapException(ImapErrorKind.Transient, "connect", "timed out", new ChannelException(ChannelError.Timeout, "timed out")), MailProblem.NoGreeting, "imap.tls = implicit" },
        { new ImapException(ImapErrorKind.Transient, "NOOP", "timed out", new ChannelException(ChannelError.Timeout, "timed out")), MailProblem.NoAnswer, "no answer in time" },
        { new ImapException("SELECT", new ImapStatus("NO", "NONEXISTENT", "", "Mailbox doesn't exist")), MailProblem.None, "" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_typed_failure_gets_its_row_and_advice(Exception e, MailProblem row, string expected)
    {
        Assert.Equal(row, DoctorAdvice.Problem(e));
        var target = e switch { Pop3Exception => Pop995, ImapException => Imap993, _ => Smtp587 };
        Assert.Contains(expected, Advice(e, target), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_host_adds_to_the_cores_row_and_never_replaces_it()
    {
        foreach (MailProblem row in Enum.GetValues<MailProblem>())
        {
            var core = MailAdvice.Text(row, "smtp");
            var host = DoctorAdvice.For(row, Smtp25);
            if (core == null)
            {
                Assert.Null(host);
                continue;
            }
            Assert.StartsWith(core, host);
        }
    }

    [Fact]
    public void A_refused_connection_to_port_25_says_port_25_is_blocked()
    {
        var e = new ChannelException(ChannelError.ConnectFailed, "cannot connect to smtp.example.com:25: Connection refused");
        Assert.Contains("Port 25 is blocked", Advice(e, Smtp25));
        Assert.DoesNotContain("Port 25 is blocked", Advice(e, Smtp587));
    }

    [Fact]
    public void Microsoft_basic_auth_disabled_is_not_mistaken_for_a_wrong_password()
    {
        Assert.DoesNotContain("app password", Advice(Refused(SmtpStage.Auth, 535, "5.7.139", "SmtpClientAuthentication is disabled for the Tenant"), Smtp587));
    }

    [Fact]
    public void A_failure_the_table_does_not_know_gets_no_advice()
    {
        Assert.Null(DoctorAdvice.For(DoctorAdvice.Problem(Refused(SmtpStage.Data, 552, "5.3.4", "Message too big")), Smtp587));
    }
}
