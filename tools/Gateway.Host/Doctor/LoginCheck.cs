using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// The gateway's client logs in, choosing the mechanism as it does on the device (its SASL exchange,
/// APOP, USER/PASS; IMAP AUTHENTICATE or LOGIN). Only the method and the user are printed, never a secret.
/// </summary>
public static class LoginCheck
{
    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        if (t.User == null)
            return StepResult.Pass($"no {t.Protocol}.user: no login configured");
        if (s.Smtp != null)
        {
            s.Smtp.Establish(SmtpStage.Auth);
            return StepResult.Pass($"{s.Smtp.LoginMethod} as {t.User}: {s.Smtp.LoginReply}");
        }
        if (s.Imap != null)
        {
            s.Imap.LogIn();
            return StepResult.Pass($"logged in as {t.User}");
        }
        s.Pop3!.LogIn();
        return StepResult.Pass($"{s.Pop3.LoginMethod} as {t.User}: {s.Pop3.LoginReply}");
    }
}
