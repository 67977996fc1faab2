using System.Text.Json;
using Gateway.Interop.Tests.Rig;

namespace Gateway.Interop.Tests;

/// <summary>`gateway doctor` as a user runs it, against the rig's Postfix and Dovecot.</summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewayDoctorTests(MailRigFixture fixture)
{
    static (int code, string stdout, string stderr) Run(string workDir, params string[] args) => GatewayProcess.Run(workDir, args);

    static string Config(RigSettings rig, string dir, string password, string ca) =>
        $"""
        device.id = doctor-test
        smtp.host = {rig.Host}
        smtp.port = {rig.SubmissionPort}
        smtp.tls = starttls
        smtp.user = {rig.DeviceUser}
        smtp.password = {password}
        smtp.from = {rig.DeviceUser}
        smtp.ca = {ca}
        smtp.timeout = 10s
        alert.to = {rig.OpsUser}
        store.path = {dir}/store
        pop3.host = {rig.Host}
        pop3.port = {rig.Pop3sPort}
        pop3.tls = implicit
        pop3.user = {rig.DeviceUser}
        pop3.password = {password}
        pop3.ca = {ca}
        pop3.timeout = 10s
        command.key = c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=
        """;

    static (int code, JsonElement[] steps, string all) Doctor(RigSettings rig, string password, string ca)
    {
        var dir = Directory.CreateTempSubdirectory("gateway-doctor-").FullName;
        File.WriteAllText(Path.Combine(dir, "gw.conf"), Config(rig, dir, password, ca));
        return RunDoctor(dir);
    }

    /// <summary>`gateway doctor --json` on DIR/gw.conf: the exit code, the steps, and everything it printed.</summary>
    static (int code, JsonElement[] steps, string all) RunDoctor(string dir)
    {
        var (code, stdout, stderr) = Run(dir, "doctor", "--config", "gw.conf", "--json");
        using var doc = JsonDocument.Parse(stdout);
        return (code, doc.RootElement.GetProperty("steps").EnumerateArray().Select(e => e.Clone()).ToArray(), stdout + stderr);
    }

    static JsonElement Step(JsonElement[] steps, string name) => steps.Single(s => s.GetProperty("name").GetString() == name);

    static string Status(JsonElement[] steps, string name) => Step(steps, name).GetProperty("status").GetString()!;

    [SkippableFact]
    public void A_good_configuration_passes_every_step_and_exits_0()
    {
        var rig = fixture.Require();
        var (code, steps, all) = Doctor(rig, rig.DevicePassword, rig.CaPath);
        Assert.True(code == 0, all);
        Assert.All(steps, s => Assert.Contains(s.GetProperty("status").GetString(), new[] { "PASS", "WARN" }));
        Assert.Contains("AUTH PLAIN", Step(steps, "smtp ehlo after tls").GetProperty("detail").GetString());
        Assert.Contains("verified by: " + rig.CaPath, Step(steps, "pop3 tls").GetProperty("detail").GetString());
        Assert.Contains("pin: sha256/", Step(steps, "smtp tls").GetProperty("detail").GetString());
        Assert.Equal("PASS", Status(steps, "pop3 uidl"));
        Assert.DoesNotContain(rig.DevicePassword, all);
    }

    [SkippableFact]
    public void Send_test_delivers_a_test_alert_and_reports_it()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-doctor-send-").FullName;
        File.WriteAllText(Path.Combine(dir, "gw.conf"), Config(rig, dir, rig.DevicePassword, rig.CaPath));
        var (code, stdout, stderr) = Run(dir, "doctor", "--config", "gw.conf", "--send-test");
        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"PASS  smtp send-test \(\d+ ms\): test alert <[^>]+> accepted for " + rig.OpsUser, stdout);
        Assert.EndsWith("all checks passed", stdout.TrimEnd());
    }

    [SkippableFact]
    public void A_wrong_password_fails_auth_with_535_and_the_login_advice()
    {
        var rig = fixture.Require();
        var (code, steps, all) = Doctor(rig, "not-the-password-123", rig.CaPath);
        Assert.Equal(1, code);
        var auth = Step(steps, "smtp auth");
        Assert.Equal("FAIL", auth.GetProperty("status").GetString());
        Assert.Contains("535", auth.GetProperty("detail").GetString());
        Assert.Contains("app password", auth.GetProperty("advice").GetString());
        var pop3 = Step(steps, "pop3 auth");
        Assert.Equal("FAIL", pop3.GetProperty("status").GetString());
        Assert.Contains("-ERR [AUTH]", pop3.GetProperty("detail").GetString());
        Assert.Contains("RFC 3206", pop3.GetProperty("advice").GetString());
        Assert.DoesNotContain("not-the-password-123", all);
    }

    [SkippableFact]
    public void A_wrong_ca_fails_tls_with_the_verification_reason()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-doctor-ca-").FullName;
        var otherCa = WriteOtherCa(dir);
        var (code, steps, _) = Doctor(rig, rig.DevicePassword, otherCa);
        Assert.Equal(1, code);
        var tls = Step(steps, "smtp tls");
        Assert.Equal("FAIL", tls.GetProperty("status").GetString());
        Assert.Contains("not verified: the certificate is trusted neither by the system store nor by " + otherCa, tls.GetProperty("detail").GetString());
        Assert.Contains("smtp.ca", tls.GetProperty("advice").GetString());
        Assert.Equal("SKIP", Status(steps, "smtp auth"));
    }

    /// <summary>SMTP only, to <paramref name="port"/> with <paramref name="tls"/>: the cases where the port and the mode disagree.</summary>
    static (int code, JsonElement[] steps, string all) DoctorSmtp(RigSettings rig, int port, string tls, string timeout = "10s")
    {
        var dir = Directory.CreateTempSubdirectory("gateway-doctor-port-").FullName;
        File.WriteAllText(Path.Combine(dir, "gw.conf"), $"""
            device.id = doctor-test
            smtp.host = {rig.Host}
            smtp.port = {port}
            smtp.tls = {tls}
            smtp.user = {rig.DeviceUser}
            smtp.password = {rig.DevicePassword}
            smtp.from = {rig.DeviceUser}
            smtp.ca = {rig.CaPath}
            smtp.timeout = {timeout}
            alert.to = {rig.OpsUser}
            store.path = {dir}/store
            """);
        return RunDoctor(dir);
    }

    [SkippableFact]
    public void Starttls_required_on_a_port_that_lacks_it_fails_tls_and_never_sends_the_password()
    {
        var rig = fixture.Require();
        var (code, steps, all) = DoctorSmtp(rig, rig.PlainPort, "starttls");
        Assert.Equal(1, code);
        Assert.Equal("PASS", Status(steps, "smtp greeting"));
        var tls = Step(steps, "smtp tls");
        Assert.Equal("FAIL", tls.GetProperty("status").GetString());
        Assert.Contains($"the server does not offer STARTTLS on port {rig.PlainPort}", tls.GetProperty("detail").GetString());
        Assert.Contains("587 starttls or 465 implicit", tls.GetProperty("advice").GetString());
        Assert.Equal("SKIP", Status(steps, "smtp auth"));
        Assert.DoesNotContain(rig.DevicePassword, all);
    }

    [SkippableFact]
    public void A_server_that_never_greets_is_named_with_the_timeout_and_implicit_tls_is_advised()
    {
        var rig = fixture.Require();
        // The implicit-TLS port waits for a ClientHello: dialled for STARTTLS it says nothing at all.
        var (code, steps, _) = DoctorSmtp(rig, rig.SmtpsPort, "starttls", timeout: "2s");
        Assert.Equal(1, code);
        Assert.Equal("PASS", Status(steps, "smtp connect"));
        var greeting = Step(steps, "smtp greeting");
        Assert.Equal("FAIL", greeting.GetProperty("status").GetString());
        Assert.Contains("no greeting within 2000 ms (smtp.timeout)", greeting.GetProperty("detail").GetString());
        Assert.Contains("smtp.tls = implicit", greeting.GetProperty("advice").GetString());
        Assert.InRange(greeting.GetProperty("ms").GetInt64(), 1500, 10000);
    }

    [SkippableFact]
    public void A_closed_port_fails_connect_and_names_the_smtp_ports_that_are_open()
    {
        var rig = fixture.Require();
        int closed = FreePort();
        var (code, steps, _) = DoctorSmtp(rig, closed, "starttls");
        Assert.Equal(1, code);
        var connect = Step(steps, "smtp connect");
        Assert.Equal("FAIL", connect.GetProperty("status").GetString());
        string detail = connect.GetProperty("detail").GetString()!;
        Assert.Contains($"{rig.Host}:{closed}", detail);
        Assert.Contains("refused", detail, StringComparison.OrdinalIgnoreCase);
        if (rig.SmtpPort == 2525)
        {
            // The doctor's fallback scan (587, 465, 2525, 25) finds the rig's own SMTP port.
            Assert.Contains("open instead: 2525", detail);
            Assert.Contains("try smtp.port = 2525", connect.GetProperty("advice").GetString());
        }
        Assert.Equal("SKIP", Status(steps, "smtp greeting"));
    }

    /// <summary>SMTP as in <see cref="Config"/>, and IMAP instead of POP3 for commands.</summary>
    static (int code, JsonElement[] steps, string all) DoctorImap(RigSettings rig, bool implicitTls, string password, string ca)
    {
        var dir = Directory.CreateTempSubdirectory("gateway-doctor-imap-").FullName;
        var smtpOnly = string.Join("\n", Config(rig, dir, rig.DevicePassword, rig.CaPath).Split('\n').Where(l => !l.StartsWith("pop3.")));
        File.WriteAllText(Path.Combine(dir, "gw.conf"), smtpOnly + $"""

            imap.host = {rig.Host}
            imap.port = {(implicitTls ? rig.ImapsPort : rig.ImapPort)}
            imap.tls = {(implicitTls ? "implicit" : "starttls")}
            imap.user = {rig.DeviceUser}
            imap.password = {password}
            imap.ca = {ca}
            imap.timeout = 10s
            """);
        return RunDoctor(dir);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Imap_checks_capabilities_tls_login_select_and_idle(bool implicitTls)
    {
        var rig = fixture.Require();
        var (code, steps, all) = DoctorImap(rig, implicitTls, rig.DevicePassword, rig.CaPath);
        Assert.True(code == 0, all);
        var names = steps.Select(s => s.GetProperty("name").GetString()).Where(n => n!.StartsWith("imap ")).ToArray();
        var expected = implicitTls
            ? new[] { "imap dns", "imap connect", "imap tls", "imap greeting", "imap capability", "imap clock", "imap auth", "imap select", "imap idle" }
            : new[] { "imap dns", "imap connect", "imap greeting", "imap capability", "imap tls", "imap capability after tls", "imap clock", "imap auth", "imap select", "imap idle" };
        Assert.Equal(expected, names);
        Assert.Contains("* OK", Step(steps, "imap greeting").GetProperty("detail").GetString());
        Assert.Contains("IDLE", Step(steps, "imap capability").GetProperty("detail").GetString());
        if (!implicitTls)
        {
            Assert.Contains("STARTTLS", Step(steps, "imap capability").GetProperty("detail").GetString());
            Assert.Contains("AUTH=PLAIN", Step(steps, "imap capability after tls").GetProperty("detail").GetString());
        }
        Assert.Contains("verified by: " + rig.CaPath, Step(steps, "imap tls").GetProperty("detail").GetString());
        Assert.Equal("logged in as " + rig.DeviceUser, Step(steps, "imap auth").GetProperty("detail").GetString());
        Assert.Matches(@"^INBOX: \d+ message\(s\), UIDVALIDITY [1-9]\d*, UIDNEXT [1-9]\d*$", Step(steps, "imap select").GetProperty("detail").GetString());
        Assert.Equal("PASS", Status(steps, "imap idle"));
        Assert.Matches(@"^offered; IDLE and DONE answered in \d+ ms", Step(steps, "imap idle").GetProperty("detail").GetString());
        Assert.DoesNotContain(rig.DevicePassword, all);
    }

    [SkippableFact]
    public void Imap_with_a_wrong_password_fails_auth_with_authenticationfailed_and_the_login_advice()
    {
        var rig = fixture.Require();
        var (code, steps, all) = DoctorImap(rig, false, "not-the-password-456", rig.CaPath);
        Assert.Equal(1, code);
        Assert.Equal("PASS", Status(steps, "imap tls"));
        var auth = Step(steps, "imap auth");
        Assert.Equal("FAIL", auth.GetProperty("status").GetString());
        Assert.Contains("[AUTHENTICATIONFAILED]", auth.GetProperty("detail").GetString());
        Assert.Contains("imap.password", auth.GetProperty("advice").GetString());
        Assert.Equal("SKIP", Status(steps, "imap select"));
        Assert.Equal("SKIP", Status(steps, "imap idle"));
        Assert.DoesNotContain("not-the-password-456", all);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Imap_with_a_wrong_ca_fails_tls_and_never_logs_in(bool implicitTls)
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-doctor-imap-ca-").FullName;
        var otherCa = WriteOtherCa(dir);
        var (code, steps, all) = DoctorImap(rig, implicitTls, rig.DevicePassword, otherCa);
        Assert.Equal(1, code);
        Assert.Equal("PASS", Status(steps, "smtp auth"));
        var tls = Step(steps, "imap tls");
        Assert.Equal("FAIL", tls.GetProperty("status").GetString());
        Assert.Contains("not verified: the certificate is trusted neither by the system store nor by " + otherCa, tls.GetProperty("detail").GetString());
        Assert.Contains("imap.ca", tls.GetProperty("advice").GetString());
        Assert.Equal("SKIP", Status(steps, "imap auth"));
        Assert.DoesNotContain(rig.DevicePassword, all);
    }

    /// <summary>A CA that signed nothing the rig serves.</summary>
    static string WriteOtherCa(string dir)
    {
        var path = Path.Combine(dir, "other-ca.pem");
        using var key = System.Security.Cryptography.ECDsa.Create();
        var req = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Some other CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(path, cert.ExportCertificatePem());
        return path;
    }

    static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
