using System.Diagnostics;
using Gateway.Mail.Imap;

namespace Gateway.Host.Doctor;

/// <summary>
/// IMAP SELECT of the configured folder and a real IDLE (begun, then ended with DONE) through the
/// gateway's client: what the IMAP poller does between two searches.
/// </summary>
public static class FolderCheck
{
    public static StepResult Select(ProbeSession s)
    {
        var imap = s.Imap!;
        imap.Select(s.Target.Folder);
        return StepResult.Pass($"{s.Target.Folder}: {imap.Exists} message(s), UIDVALIDITY {imap.UidValidity}, UIDNEXT {imap.UidNext}");
    }

    public static StepResult Idle(ProbeSession s)
    {
        var imap = s.Imap!;
        if ((imap.Capabilities & ImapCapabilities.Idle) == 0)
            return StepResult.Warn("IDLE not offered: the gateway searches for command mail every imap.interval instead",
                "A command then waits up to imap.interval; use a server that offers IDLE (RFC 2177) for commands within a second.");
        var watch = Stopwatch.StartNew();
        imap.StartIdle();
        imap.StopIdle();
        var answered = $"offered; IDLE and DONE answered in {watch.ElapsedMilliseconds} ms";
        return s.Target.Idle
            ? StepResult.Pass(answered + ": the server pushes new mail to the gateway")
            : StepResult.Warn(answered + ", but imap.idle = false: the gateway searches every imap.interval",
                "Set imap.idle = true for commands within a second.");
    }
}
