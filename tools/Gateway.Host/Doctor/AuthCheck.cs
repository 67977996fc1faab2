using Gateway.Mail.Sasl;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// Logs in with the mechanism the gateway would use (XOAUTH2 for a token; PLAIN, else LOGIN, for a
/// password; POP3 USER/PASS when there is no SASL PLAIN). Only mechanism names are ever printed.
/// </summary>
public static class AuthCheck
{
    const int MaxChallenges = 5;

    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        if (t.User == null)
            return StepResult.Pass($"no {t.Protocol}.user: no login configured");
        if (!s.Channel!.IsEncrypted && !t.AllowPlainAuth)
            return StepResult.Fail($"the gateway does not send a password over a clear connection ({t.Protocol}.allow-plain-auth = false)",
                $"Turn on TLS ({t.Protocol}.tls = starttls or implicit).");
        var offered = s.Mechanisms();
        // POP3 as Pop3Client logs in: SASL PLAIN when offered, else USER/PASS when listed (or no CAPA), else SASL LOGIN.
        if (!t.IsSmtp && t.Token == null && !offered.Contains("PLAIN") && (s.HasCapability("USER") || s.Capabilities.Length == 0))
            return UserPass(s);
        ISaslMechanism mechanism;
        if (t.Token != null)
            mechanism = new SaslXOAuth2(t.User, t.Token);
        else if (offered.Contains("PLAIN"))
            mechanism = new SaslPlain(t.User, t.Password ?? "");
        else if (offered.Contains("LOGIN"))
            mechanism = new SaslLogin(t.User, t.Password ?? "");
        else
            return StepResult.Fail(offered.Length == 0 ? "the server offers no AUTH" + (s.Channel.IsEncrypted ? "" : " on a clear connection") : $"the server offers {string.Join(" ", offered)}, none of which fits a password",
                offered.Length == 0 && !s.Channel.IsEncrypted ? "Servers offer AUTH only after STARTTLS: set " + t.Protocol + ".tls = starttls." : null);
        if (t.Token != null && !offered.Contains("XOAUTH2"))
            return StepResult.Fail($"{t.Protocol}.token is set but the server does not offer XOAUTH2 (it offers {string.Join(" ", offered)})");
        return t.IsSmtp ? SmtpSasl(s, mechanism) : Pop3Sasl(s, mechanism);
    }

    static StepResult SmtpSasl(ProbeSession s, ISaslMechanism m)
    {
        var initial = m.InitialResponse();
        s.Send("AUTH " + m.Name + (initial == null ? "" : " " + (initial.Length == 0 ? "=" : initial)));
        for (int i = 0; i <= MaxChallenges; i++)
        {
            var reply = s.ReadSmtp(SmtpStage.Auth);
            if (reply.Code == 235)
                return StepResult.Pass($"AUTH {m.Name} as {s.Target.User}: {reply}");
            if (reply.Code != 334)
                return StepResult.Fail($"AUTH {m.Name} as {s.Target.User} refused: {reply}");
            s.Send(Respond(m, reply.Text));
        }
        return StepResult.Fail($"AUTH {m.Name}: the server kept challenging");
    }

    static StepResult Pop3Sasl(ProbeSession s, ISaslMechanism m)
    {
        var initial = m.InitialResponse();
        s.Send("AUTH " + m.Name + (initial == null ? "" : " " + (initial.Length == 0 ? "=" : initial)));
        for (int i = 0; i <= MaxChallenges; i++)
        {
            var line = s.ReadPop3Line();
            if (line.StartsWith("+OK", StringComparison.Ordinal))
                return StepResult.Pass($"AUTH {m.Name} as {s.Target.User}: {line}");
            if (!line.StartsWith("+ ", StringComparison.Ordinal) && line != "+")
                return StepResult.Fail($"AUTH {m.Name} as {s.Target.User} refused: {line}");
            s.Send(Respond(m, line.Length > 2 ? line.Substring(2) : ""));
        }
        return StepResult.Fail($"AUTH {m.Name}: the server kept challenging");
    }

    static string Respond(ISaslMechanism m, string challenge)
    {
        try
        {
            return m.Respond(challenge);
        }
        catch (SaslException)
        {
            return "*"; // cancels the exchange (RFC 4954 4, RFC 5034 4)
        }
    }

    static StepResult UserPass(ProbeSession s)
    {
        s.Send("USER " + s.Target.User);
        var user = s.ReadPop3Line();
        if (!user.StartsWith("+OK", StringComparison.Ordinal))
            return StepResult.Fail($"USER {s.Target.User} refused: {user}");
        s.Send("PASS " + s.Target.Password);
        var pass = s.ReadPop3Line();
        return pass.StartsWith("+OK", StringComparison.Ordinal)
            ? StepResult.Pass($"USER/PASS as {s.Target.User}: {pass}")
            : StepResult.Fail($"USER/PASS as {s.Target.User} refused: {pass}");
    }
}
