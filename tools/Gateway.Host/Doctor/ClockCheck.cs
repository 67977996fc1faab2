using Gateway.App.Diagnostics;

namespace Gateway.Host.Doctor;

/// <summary>
/// The local clock against the server's: the date in its greeting where there is one, else the
/// certificate's validity. TLS and Date headers break when the clock is far off.
/// </summary>
public static class ClockCheck
{
    public static readonly TimeSpan FarOff = TimeSpan.FromMinutes(5);

    public static StepResult Run(ProbeSession s) => Run(s, DateTimeOffset.UtcNow);

    public static StepResult Run(ProbeSession s, DateTimeOffset now)
    {
        if (now.Year < 2024)
            return StepResult.Warn($"the local clock says {now:yyyy-MM-dd HH:mm:ss} UTC: the clock is not set", DoctorAdvice.For(MailProblem.UnsetClock, s.Target));
        if (s.ServerTime is { } server)
        {
            var skew = now - server;
            var text = $"local {now:yyyy-MM-dd HH:mm:ss} UTC, server {server.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC (greeting): {(skew >= TimeSpan.Zero ? "ahead" : "behind")} by {Math.Abs(skew.TotalSeconds):0} s";
            return skew.Duration() > FarOff ? StepResult.Warn("the clock is far off: " + text, DoctorAdvice.For(MailProblem.ClockOff, s.Target)) : StepResult.Pass(text);
        }
        var leaf = s.Channel?.PeerCertificate;
        if (leaf != null)
        {
            if (now.UtcDateTime < leaf.NotBefore.ToUniversalTime())
                return StepResult.Warn($"the clock is behind: local {now:yyyy-MM-dd HH:mm} UTC is before the certificate's start {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC", DoctorAdvice.For(MailProblem.ClockOff, s.Target));
            if (now.UtcDateTime > leaf.NotAfter.ToUniversalTime())
                return StepResult.Warn($"local {now:yyyy-MM-dd HH:mm} UTC is after the certificate's end {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: the certificate expired or the clock is ahead");
            return StepResult.Pass($"local {now:yyyy-MM-dd HH:mm:ss} UTC, within the certificate's validity (the greeting has no date to compare)");
        }
        return StepResult.Pass($"local {now:yyyy-MM-dd HH:mm:ss} UTC (no server time to compare)");
    }
}
