namespace Gateway.Host.Doctor;

/// <summary>POP3 STAT and UIDL: the mailbox opens and the server can name messages, which the gateway relies on.</summary>
public static class MailboxCheck
{
    public static StepResult Stat(ProbeSession s, out int count)
    {
        count = 0;
        s.Send("STAT");
        var line = s.ReadPop3Line();
        if (!line.StartsWith("+OK", StringComparison.Ordinal))
            return StepResult.Fail("STAT refused: " + line);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !int.TryParse(parts[1], out count) || !long.TryParse(parts[2], out var size))
            return StepResult.Fail("STAT answer is malformed: " + line);
        return StepResult.Pass($"{count} message(s), {size} bytes");
    }

    public static StepResult Uidl(ProbeSession s, int count)
    {
        // One message's UID is enough to know the command works; a long listing is not needed.
        s.Send(count > 0 ? "UIDL 1" : "UIDL");
        var line = s.ReadPop3Line();
        if (!line.StartsWith("+OK", StringComparison.Ordinal))
            return StepResult.Warn("UIDL not supported: " + line, "Without UIDL the gateway cannot tell handled mail from new mail across sessions; use a server that supports it.");
        if (count == 0)
            while (s.ReadPop3Line() != ".") { }
        return StepResult.Pass(count > 0 ? "supported: " + line : "supported (empty mailbox)");
    }

    public static void Quit(ProbeSession s)
    {
        try
        {
            s.Send("QUIT");
            if (s.Target.IsSmtp) s.ReadSmtp(Gateway.Mail.Smtp.SmtpStage.Quit);
            else s.ReadPop3Line();
        }
        catch (Exception e) when (e is IOException or Gateway.Core.Net.ChannelException or Gateway.Mail.Smtp.SmtpException)
        {
            // The server may hang up first; the checks are done.
        }
        s.Close();
    }
}
