using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Core.Net;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>The gateway's client reads the server's greeting (SMTP 220, POP3 +OK, IMAP * OK with its capabilities); the step notes how long it took and any date in it.</summary>
public static partial class GreetingCheck
{
    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        var watch = Stopwatch.StartNew();
        s.MakeClient();
        try
        {
            if (s.Smtp != null) s.Smtp.Open();
            else if (s.Imap != null) s.Imap.Open();
            else s.Pop3!.Open();
        }
        catch (Exception e) when (e is SmtpException or Pop3Exception or ImapException)
        {
            if (e.InnerException is ChannelException { Error: ChannelError.Timeout })
                return StepResult.Fail($"no greeting within {t.TimeoutMs} ms ({t.Protocol}.timeout): the server accepted the connection on port {t.Port} but said nothing",
                    DoctorAdvice.For(e, s));
            var refused = e switch
            {
                SmtpException { Code: > 0 } se => $"{se.Code} {se.ServerText}",
                Pop3Exception { HasResponse: true } pe => "-ERR " + pe.ServerText,
                _ => e.Message,
            };
            return StepResult.Fail(refused, DoctorAdvice.For(e, s));
        }
        s.GreetingMs = watch.ElapsedMilliseconds;
        var text = s.Smtp?.Greeting ?? s.Imap?.Greeting ?? s.Pop3!.Greeting;
        s.ServerTime = DateIn(text);
        return StepResult.Pass($"{(s.Smtp != null ? "220" : s.Imap != null ? "* OK" : "+OK")} {text} (after {s.GreetingMs} ms)");
    }

    [GeneratedRegex(@"\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial Regex Rfc5322Date();

    /// <summary>An RFC 5322 date in a greeting ("... ESMTP; Fri, 27 Nov 2026 03:40:00 +0000"), or null.</summary>
    public static DateTimeOffset? DateIn(string text)
    {
        var m = Rfc5322Date().Match(text);
        // .NET's zzz wants "+00:00"; RFC 5322 writes "+0000".
        if (m.Success && DateTimeOffset.TryParseExact(m.Value.Insert(m.Value.Length - 2, ":"), "d MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
            return when;
        return null;
    }
}
