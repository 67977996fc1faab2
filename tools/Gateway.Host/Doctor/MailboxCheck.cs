using Gateway.Mail.Pop3;

namespace Gateway.Host.Doctor;

/// <summary>POP3 STAT and UIDL through the gateway's client: the mailbox opens and the server can name messages, which the gateway relies on.</summary>
public static class MailboxCheck
{
    public static StepResult Stat(ProbeSession s, out int count)
    {
        var stat = s.Pop3!.Stat();
        count = stat.Count;
        return StepResult.Pass($"{stat.Count} message(s), {stat.Size} bytes");
    }

    public static StepResult Uidl(ProbeSession s, int count)
    {
        try
        {
            // One message's UID is enough to know the command works; a long listing is not needed.
            if (count > 0)
                return StepResult.Pass("supported: 1 " + s.Pop3!.Uid(1));
            s.Pop3!.ListUids(1);
            return StepResult.Pass("supported (empty mailbox)");
        }
        catch (Pop3Exception e) when (e.HasResponse)
        {
            return StepResult.Warn("UIDL not supported: -ERR " + e.ServerText, "Without UIDL the gateway cannot tell handled mail from new mail across sessions; use a server that supports it.");
        }
    }
}
