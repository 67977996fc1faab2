using Gateway.Interop.Tests.Rig;

namespace Gateway.Interop.Tests;

/// <summary>The `gateway` command as a user runs it, against the rig.</summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewayCliTests(MailRigFixture fixture)
{
    static (int code, string stdout, string stderr) Run(string workDir, params string[] args) => GatewayProcess.Run(workDir, args);

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
    public void Command_then_poll_runs_the_command_and_answers()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-cli-").FullName;
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var device = "cli-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(Path.Combine(dir, "device.conf"), Config(rig, dir, rig.DevicePassword).Replace("device.id = cli-test", "device.id = " + device) + $"""

            pop3.host = {rig.Host}
            pop3.port = {rig.Pop3sPort}
            pop3.tls = implicit
            pop3.user = {rig.DeviceUser}
            pop3.password = {rig.DevicePassword}
            pop3.ca = {rig.CaPath}
            command.key = {key}
            command.senders = {rig.OpsUser}
            relay.relay1.sim = off
            """);
        File.WriteAllText(Path.Combine(dir, "operator.conf"), OperatorConfig(rig, device, key));

        var sent = Run(dir, "command", "--config", "operator.conf", "relay relay1 on", "status");
        Assert.True(sent.code == 0, sent.stdout + sent.stderr);
        Assert.Contains("sent 2 signed command(s)", sent.stdout);

        // Delivery to the Maildir is asynchronous: poll until the mail is seen (bounded).
        string output = "";
        for (int i = 0; i < 20 && !output.Contains("executed:", StringComparison.Ordinal); i++)
        {
            var poll = Run(dir, "poll", "--config", "device.conf");
            Assert.True(poll.code == 0, poll.stdout + poll.stderr);
            output += poll.stdout;
            if (!output.Contains("executed:", StringComparison.Ordinal)) Thread.Sleep(500);
        }
        Assert.Contains("executed: from " + rig.OpsUser + ", relay1 on: ok (was off)", output);
        Assert.Contains("1 repl(ies) sent", output);
        Assert.DoesNotContain(key, output);
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

    /// <summary>An operator's configuration (role = operator) for the rig: ops@ signs for <paramref name="device"/> and mails to the device's address.</summary>
    internal static string OperatorConfig(RigSettings rig, string device, string key) => $"""
        role = operator
        device.id = {device}
        command.to = {rig.DeviceUser}
        command.key = {key}
        smtp.host = {rig.Host}
        smtp.port = {rig.SubmissionPort}
        smtp.user = {rig.OpsUser}
        smtp.password = {rig.OpsPassword}
        smtp.from = {rig.OpsUser}
        smtp.ca = {rig.CaPath}
        """;
}
