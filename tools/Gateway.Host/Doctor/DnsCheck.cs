using System.Net;
using System.Net.Sockets;
using Gateway.App.Diagnostics;

namespace Gateway.Host.Doctor;

/// <summary>Resolves the server's name and lists its addresses.</summary>
public static class DnsCheck
{
    public static StepResult Run(ProbeSession s)
    {
        if (IPAddress.TryParse(s.Target.Host, out var literal))
        {
            s.Addresses = [literal];
            return StepResult.Pass($"{s.Target.Host} is an address (no DNS needed)");
        }
        try
        {
            s.Addresses = Dns.GetHostAddresses(s.Target.Host);
        }
        catch (SocketException e)
        {
            return StepResult.Fail($"cannot resolve {s.Target.Host}: {e.Message}", DoctorAdvice.For(MailProblem.HostNotFound, s.Target));
        }
        if (s.Addresses.Length == 0)
            return StepResult.Fail($"cannot resolve {s.Target.Host}: no address", DoctorAdvice.For(MailProblem.HostNotFound, s.Target));
        return StepResult.Pass($"{s.Target.Host} -> {string.Join(", ", s.Addresses.Select(a => a.ToString()))}");
    }
}
