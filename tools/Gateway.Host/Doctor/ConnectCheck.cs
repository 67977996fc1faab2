using System.Net.Sockets;
using Gateway.App.Diagnostics;
using Gateway.Core.Net;
using Gateway.Host.Net;

namespace Gateway.Host.Doctor;

/// <summary>
/// Opens the TCP connection to the configured port. When that fails for SMTP, tries the other
/// submission ports quickly and says which are open: a blocked port 25 is the classic case.
/// </summary>
public static class ConnectCheck
{
    static readonly int[] SmtpPorts = [587, 465, 2525, 25];
    const int ProbeTimeoutMs = 1500;

    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        try
        {
            var trust = new TlsTrust(t.CaPath, t.Pin);
            var channel = (SocketChannel)new SocketConnector(trust) { KeepPeerCertificates = true }.Connect(t.Host, t.Port, TlsMode.None, t.TimeoutMs);
            s.Attach(channel);
            return StepResult.Pass($"connected to {t.Host}:{t.Port}");
        }
        catch (ChannelException e)
        {
            var detail = e.Error == ChannelError.Timeout
                ? $"no answer from {t.Host}:{t.Port} within {t.TimeoutMs} ms ({t.Protocol}.timeout): timed out"
                : e.Message;
            if (!t.IsSmtp)
                return StepResult.Fail(detail, DoctorAdvice.For(MailAdvice.OfChannel(e.Error, false), t));
            var others = SmtpPorts.Where(p => p != t.Port).ToArray();
            var open = OpenPorts(t.Host, others);
            detail += open.Length == 0
                ? $"; none of {string.Join(", ", others)} answers either"
                : $"; open instead: {string.Join(", ", open)}";
            string? hint = open.Length == 0 ? null
                : $"Port {t.Port} does not answer but {string.Join(", ", open)} does: " +
                  (open.Contains(587) ? "set smtp.port = 587 with smtp.tls = starttls." : open.Contains(465) ? "set smtp.port = 465 with smtp.tls = implicit." : $"try smtp.port = {open[0]}.");
            var known = DoctorAdvice.For(MailAdvice.OfChannel(e.Error, false), t);
            return StepResult.Fail(detail, hint == null ? known : known == null ? hint : known + " " + hint);
        }
        catch (ArgumentException e)
        {
            return StepResult.Fail(e.Message, $"Fix {t.Protocol}.ca: it must name a readable PEM file.");
        }
    }

    /// <summary>The ports among <paramref name="ports"/> that accept a TCP connection within a short time.</summary>
    public static int[] OpenPorts(string host, int[] ports)
    {
        var probes = ports.Select(p => Task.Run(async () =>
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var cts = new CancellationTokenSource(ProbeTimeoutMs);
            try
            {
                await socket.ConnectAsync(host, p, cts.Token);
                return p;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return 0;
            }
        })).ToArray();
        Task.WaitAll(probes);
        return probes.Select(x => x.Result).Where(p => p != 0).ToArray();
    }
}
