using System.Diagnostics;
using Gateway.Interop.Tests.Rig;

namespace Gateway.Interop.Tests;

/// <summary>The `gateway` command as a user runs it, against the rig.</summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewayCliTests(MailRigFixture fixture)
{
    static string GatewayDll => Path.Combine(AppContext.BaseDirectory, "gateway.dll");

    static (int code, string stdout, string stderr) Run(string workDir, params string[] args)
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

    static string Config(RigSettings rig, string dir, string password) =>
        $"""
        device.id = cli-test
        smtp.host = {rig.Host}
        smtp.port = {rig.SubmissionPort}
        smtp.tls = starttls
        smtp.user = {rig.DeviceUser}
        smtp.password = {password}
        smtp.from = {rig.DeviceUser}
        smtp.ca = {rig.CaPath}
        smtp.timeout = 15s
        alert.to = {rig.OpsUser}
        store.path = {dir}/store
        """;

    [SkippableFact]
    public void Alert_command_exits_0_once_the_server_accepted_it()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-cli-").FullName;
        File.WriteAllText(Path.Combine(dir, "gw.conf"), Config(rig, dir, rig.DevicePassword));
        var token = Guid.NewGuid().ToString("N");

        var (code, stdout, stderr) = Run(dir, "alert", "--config", "gw.conf", "--subject", "cli " + token, "--text", "from the command line");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("sent <", stdout);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "store", "outbox")));
        Assert.DoesNotContain(rig.DevicePassword, stdout + stderr);
    }

    [SkippableFact]
    public void Alert_command_with_a_wrong_password_says_535_keeps_the_alert_and_exits_non_zero()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-cli-").FullName;
        File.WriteAllText(Path.Combine(dir, "gw.conf"), Config(rig, dir, "not-the-password-123"));

        var (code, stdout, stderr) = Run(dir, "alert", "--config", "gw.conf", "--subject", "will wait", "--text", "x");

        Assert.Equal(1, code);
        Assert.Contains("535", stderr);
        Assert.Contains("stays in the outbox", stderr);
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "store", "outbox")));
        Assert.DoesNotContain("not-the-password-123", stdout + stderr);

        // The next run with the right password delivers what was kept, then the new one.
        File.WriteAllText(Path.Combine(dir, "gw.conf"), Config(rig, dir, rig.DevicePassword));
        var second = Run(dir, "alert", "--config", "gw.conf", "--subject", "second", "--text", "y");
        Assert.True(second.code == 0, second.stdout + second.stderr);
        Assert.Contains("2 message(s) delivered", second.stdout);
    }

    [SkippableFact]
    public void Check_config_masks_secrets()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-cli-").FullName;
        File.WriteAllText(Path.Combine(dir, "gw.conf"), Config(rig, dir, "hunter2-secret"));
        var (code, stdout, stderr) = Run(dir, "check-config", "gw.conf");
        Assert.Equal(0, code);
        Assert.Contains("smtp.password = ********", stdout);
        Assert.DoesNotContain("hunter2-secret", stdout + stderr);
    }
}
