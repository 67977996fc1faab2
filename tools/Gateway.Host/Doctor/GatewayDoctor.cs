using System.Diagnostics;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// `gateway doctor`: examines the SMTP server, then the POP3 or IMAP server when one is configured, step by
/// step, stopping a server's checks at the first step the next ones depend on. Every step is
/// reported as it finishes, with its time, a verdict, and advice for a known failure.
/// </summary>
public static class GatewayDoctor
{
    public static DoctorReport Run(GatewayConfig config, bool sendTest, Action<DoctorStep> onStep)
    {
        var report = new DoctorReport();
        var smtpOk = Examine(DoctorTarget.FromConfig(config, "smtp"), report, onStep);
        if (config.GetString("pop3.host") != null)
            Examine(DoctorTarget.FromConfig(config, "pop3"), report, onStep);
        if (config.GetString("imap.host") != null)
            Examine(DoctorTarget.FromConfig(config, "imap"), report, onStep);
        if (sendTest)
            Step(report, onStep, "smtp send-test", () => smtpOk ? SendTestCheck.Run(config) : new StepResult(DoctorStatus.Skip, "not tried: the SMTP checks failed"));
        return report;
    }

    /// <summary>Runs one server's checks; true when none failed.</summary>
    public static bool Examine(DoctorTarget target, DoctorReport report, Action<DoctorStep> onStep)
    {
        var s = new ProbeSession(target);
        var p = target.Protocol;
        bool ok = true;
        bool Do(string name, Func<StepResult> check)
        {
            if (!ok)
            {
                Step(report, onStep, p + " " + name, () => new StepResult(DoctorStatus.Skip, "not tried: an earlier step failed"));
                return false;
            }
            ok = Step(report, onStep, p + " " + name, check, s).Status != DoctorStatus.Fail;
            return ok;
        }
        try
        {
            Do("dns", () => DnsCheck.Run(s));
            Do("connect", () => ConnectCheck.Run(s));
            if (target.Tls == TlsMode.Implicit)
            {
                Do("tls", () => TlsCheck.Run(s));
                Do("greeting", () => GreetingCheck.Run(s));
                Do(Hello(target), () => HelloCheck.Run(s));
            }
            else
            {
                Do("greeting", () => GreetingCheck.Run(s));
                Do(Hello(target), () => HelloCheck.Run(s));
                Do("tls", () => TlsCheck.Run(s));
                if (target.Tls == TlsMode.StartTls)
                    Do(Hello(target) + " after tls", () => HelloCheck.AfterTls(s));
            }
            // The clock is compared whenever the greeting or a certificate gave something to compare with.
            Step(report, onStep, p + " clock", () => ClockCheck.Run(s));
            Do("auth", () => LoginCheck.Run(s));
            if (target.IsImap)
            {
                Do("select", () => FolderCheck.Select(s));
                Do("idle", () => FolderCheck.Idle(s));
            }
            else if (!target.IsSmtp)
            {
                int count = 0;
                Do("stat", () => MailboxCheck.Stat(s, out count));
                Do("uidl", () => MailboxCheck.Uidl(s, count));
            }
        }
        finally
        {
            s.Close();
        }
        return ok;
    }

    /// <summary>The step that asks what the server offers, in the protocol's word.</summary>
    static string Hello(DoctorTarget t) => t.IsSmtp ? "ehlo" : t.IsImap ? "capability" : "capa";

    static DoctorStep Step(DoctorReport report, Action<DoctorStep> onStep, string name, Func<StepResult> check, ProbeSession? session = null)
    {
        var watch = Stopwatch.StartNew();
        StepResult result;
        try
        {
            result = check();
        }
        catch (Exception e) when (e is ChannelException or SmtpException or Pop3Exception or ImapException or IOException)
        {
            // The clients' typed errors: the advice is the core's row for the type, never read from the text.
            result = StepResult.Fail(e.Message, session == null ? null : DoctorAdvice.For(e, session));
        }
        var step = new DoctorStep(name, result.Status, watch.ElapsedMilliseconds, result.Detail, result.Advice);
        report.Add(step);
        onStep(step);
        return step;
    }
}
