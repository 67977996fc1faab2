using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Core.Net;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>Waits for the server's greeting (SMTP 220, POP3 +OK) and notes how long it took and any date in it.</summary>
public static partial class GreetingCheck
{
    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        var watch = Stopwatch.StartNew();
        try
        {
            string code, text;
            bool ok;
            if (t.IsSmtp)
            {
                var reply = s.ReadSmtp(SmtpStage.Greeting);
                ok = reply.Code == 220;
                code = reply.Code.ToString(CultureInfo.InvariantCulture);
                text = reply.Text;
            }
            else
            {
                if (!s.Lines.ReadLine())
                    return StepResult.Fail("the server closed the connection without a greeting");
                var response = Pop3Response.Parse(s.Lines.Buffer, s.Lines.LineStart, s.Lines.LineLength);
                ok = response != null && response.IsOk;
                code = response == null ? "not a POP3 greeting:" : response.IsOk ? "+OK" : "-ERR";
                text = response?.Text ?? s.Lines.LineText;
            }
            s.GreetingMs = watch.ElapsedMilliseconds;
            s.Greeting = text;
            s.ServerTime = DateIn(text);
            var detail = $"{code} {text} (after {s.GreetingMs} ms)";
            return ok ? StepResult.Pass(detail) : StepResult.Fail(detail);
        }
        catch (ChannelException e) when (e.Error == ChannelError.Timeout)
        {
            return StepResult.Fail($"no greeting within {t.TimeoutMs} ms ({t.Protocol}.timeout): the server accepted the connection on port {t.Port} but said nothing");
        }
        catch (SmtpException e)
        {
            return StepResult.Fail(e.Message);
        }
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
