using System.Diagnostics;

namespace Gateway.Interop.Tests.Rig;

/// <summary>Runs the `gateway` command as a user would (a process, its exit code and output), bounded in time.</summary>
public static class GatewayProcess
{
    static string GatewayDll => Path.Combine(AppContext.BaseDirectory, "gateway.dll");

    public static (int code, string stdout, string stderr) Run(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(GatewayDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            p.Kill(true);
            throw new TimeoutException("gateway did not finish in 90 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
