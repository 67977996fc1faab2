using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>EHLO (SMTP) or CAPA (POP3), with what the server offers listed.</summary>
public static class CapabilitiesCheck
{
    const int MaxCapaLines = 100;

    public static StepResult Run(ProbeSession s)
    {
        if (s.Target.IsSmtp)
        {
            s.Send("EHLO " + s.Target.HeloName);
            var reply = s.ReadSmtp(SmtpStage.Hello);
            if (reply.Code != 250)
                return StepResult.Fail("EHLO refused: " + reply);
            s.Capabilities = reply.Lines.Skip(1).ToArray();
        }
        else
        {
            s.Send("CAPA");
            var first = s.ReadPop3Line();
            if (!first.StartsWith("+OK", StringComparison.Ordinal))
            {
                s.Capabilities = [];
                return StepResult.Warn("CAPA not supported: " + first + " (the gateway then assumes USER/PASS only)");
            }
            var caps = new List<string>();
            for (string line; (line = s.ReadPop3Line()) != ".";)
                if (caps.Count < MaxCapaLines)
                    caps.Add(line);
            s.Capabilities = caps.ToArray();
        }
        return StepResult.Pass(s.Capabilities.Length == 0 ? "no capabilities listed" : string.Join(", ", s.Capabilities));
    }
}
