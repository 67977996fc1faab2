using System.Net;
using System.Net.Sockets;
using Gateway.Core.Net;
using Gateway.Host.Doctor;
using Gateway.Host.Net;
using Gateway.Host.Tests.Support;

namespace Gateway.Host.Tests.Doctor;

/// <summary>The doctor against scripted local servers: each known failure gives its named step and advice.</summary>
[Collection(DoctorServerCollection.Name)]
public class DoctorScriptedServerTests
{
    const string Secret = "s3cret-Pa55";

    static DoctorTarget Smtp(int port, TlsMode tls = TlsMode.None, string? ca = null, string? pin = null, int timeoutMs = 3000) => new()
    {
        Protocol = "smtp",
        Host = "127.0.0.1",
        Port = port,
        Tls = tls,
        User = "device@example.com",
        Password = Secret,
        AllowPlainAuth = true,
        CaPath = ca,
        Pin = pin,
        HeloName = "doctor.test",
        TimeoutMs = timeoutMs,
    };

    static DoctorReport Examine(DoctorTarget target)
    {
        var report = new DoctorReport();
        GatewayDoctor.Examine(target, report, _ => { });
        return report;
    }

    static DoctorStep Step(DoctorReport r, string name) => r.Find(name) ?? throw new Xunit.Sdk.XunitException($"no step {name}: {string.Join(", ", r.Steps.Select(s => s.Name))}");

    static string AllText(DoctorReport r) => string.Join("\n", r.Steps.Select(DoctorReport.Format));

    /// <summary>A plain SMTP server that greets, answers EHLO with AUTH PLAIN and answers AUTH with <paramref name="authReply"/>.</summary>
    static TestServer PlainSmtp(string authReply) => new(c =>
    {
        c.Send("220 mx.example.com ESMTP\r\n");
        c.ReadLine();
        c.Send("250-mx.example.com\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
        c.ReadLine();
        c.Send(authReply + "\r\n");
        c.ReadLine();
        c.Send("221 bye\r\n");
    });

    [Fact]
    public void A_server_that_never_greets_fails_the_greeting_step_with_the_timeout_named()
    {
        using var server = new TestServer(c => c.StaySilent());
        var report = Examine(Smtp(server.Port, timeoutMs: 1000));
        var greeting = Step(report, "smtp greeting");
        Assert.Equal(DoctorStatus.Fail, greeting.Status);
        Assert.Contains("no greeting within 1000 ms (smtp.timeout)", greeting.Detail);
        Assert.Contains("465", greeting.Advice);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Gmail_535_5_7_8_advises_an_app_password_or_xoauth2()
    {
        using var server = PlainSmtp("535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials");
        var report = Examine(Smtp(server.Port));
        var auth = Step(report, "smtp auth");
        Assert.Equal(DoctorStatus.Fail, auth.Status);
        Assert.Contains("535", auth.Detail);
        Assert.Contains("app password", auth.Advice);
        Assert.Contains("XOAUTH2", auth.Advice);
    }

    [Fact]
    public void The_password_never_appears_in_the_report()
    {
        using var server = PlainSmtp("535 5.7.8 Authentication credentials invalid");
        var report = Examine(Smtp(server.Port));
        Assert.DoesNotContain(Secret, AllText(report) + report.ToJson());
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("\0device@example.com\0" + Secret)), AllText(report));
    }

    [Fact]
    public void Must_issue_starttls_first_530_advises_starttls()
    {
        using var server = PlainSmtp("530 5.7.0 Must issue a STARTTLS command first");
        var auth = Step(Examine(Smtp(server.Port)), "smtp auth");
        Assert.Equal(DoctorStatus.Fail, auth.Status);
        Assert.Contains("smtp.tls = starttls", auth.Advice);
    }

    [Fact]
    public void A_good_plain_session_passes_with_a_warning_for_the_missing_tls()
    {
        using var server = PlainSmtp("235 2.7.0 Authentication successful");
        var report = Examine(Smtp(server.Port));
        Assert.True(report.Passed, AllText(report));
        Assert.Equal(DoctorStatus.Warn, Step(report, "smtp tls").Status);
        Assert.Equal("AUTH PLAIN as device@example.com: 235 2.7.0 Authentication successful", Step(report, "smtp auth").Detail);
    }

    [Fact]
    public void A_closed_port_fails_connect_and_later_steps_are_skipped()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var report = Examine(Smtp(port));
        var connect = Step(report, "smtp connect");
        Assert.Equal(DoctorStatus.Fail, connect.Status);
        Assert.Contains($"127.0.0.1:{port}", connect.Detail);
        Assert.Matches("open instead: |none of 587, 465, 2525, 25 answers either", connect.Detail);
        Assert.Equal(DoctorStatus.Skip, Step(report, "smtp greeting").Status);
    }

    static TestServer ImplicitTlsSmtp(System.Security.Cryptography.X509Certificates.X509Certificate2 cert) => new(c =>
    {
        c.UpgradeToTls(cert);
        c.Send("220 mx.example.com ESMTP\r\n");
        c.ReadLine();
        c.Send("250-mx.example.com\r\n250 AUTH PLAIN\r\n");
        c.ReadLine();
        c.Send("235 2.7.0 ok\r\n");
        c.ReadLine();
        c.Send("221 bye\r\n");
    });

    [Fact]
    public void A_certificate_for_another_name_fails_tls_with_the_mismatch_advice()
    {
        using var cert = TestCertificates.SelfSigned("other.example.net", includeLoopbackIp: false);
        using var server = ImplicitTlsSmtp(cert);
        var tls = Step(Examine(Smtp(server.Port, TlsMode.Implicit, ca: TestCertificates.WritePem(cert))), "smtp tls");
        Assert.Equal(DoctorStatus.Fail, tls.Status);
        Assert.Contains("names: other.example.net", tls.Detail);
        Assert.Contains("not for the host that was dialled", tls.Detail);
        Assert.Contains("another name", tls.Advice);
    }

    [Fact]
    public void An_expired_certificate_fails_tls_with_the_expiry_advice()
    {
        using var cert = TestCertificates.SelfSigned("mail.example.com", DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-2));
        using var server = ImplicitTlsSmtp(cert);
        var tls = Step(Examine(Smtp(server.Port, TlsMode.Implicit, ca: TestCertificates.WritePem(cert))), "smtp tls");
        Assert.Equal(DoctorStatus.Fail, tls.Status);
        Assert.Contains("expired", tls.Detail);
        Assert.Contains("validity period", tls.Advice);
    }

    [Fact]
    public void An_untrusted_certificate_fails_tls_and_suggests_a_ca_file_or_a_pin()
    {
        using var cert = TestCertificates.SelfSigned("mail.example.com");
        using var server = ImplicitTlsSmtp(cert);
        var tls = Step(Examine(Smtp(server.Port, TlsMode.Implicit)), "smtp tls");
        Assert.Equal(DoctorStatus.Fail, tls.Status);
        Assert.Contains("not verified: the certificate is not trusted by the system store", tls.Detail);
        Assert.Contains("smtp.ca", tls.Advice);
        Assert.Contains("smtp.pin", tls.Advice);
    }

    [Fact]
    public void A_matching_pin_is_trusted_without_a_ca_and_printed()
    {
        using var cert = TestCertificates.SelfSigned("mail.example.com");
        var pin = TlsTrust.PinOf(cert);
        using var server = ImplicitTlsSmtp(cert);
        var report = Examine(Smtp(server.Port, TlsMode.Implicit, pin: pin));
        var tls = Step(report, "smtp tls");
        Assert.Equal(DoctorStatus.Pass, tls.Status);
        Assert.Contains("verified by: pin", tls.Detail);
        Assert.Contains("pin: sha256/" + pin, tls.Detail);
        Assert.True(report.Passed, AllText(report));
    }

    [Fact]
    public void A_pin_that_does_not_match_fails_tls_even_with_a_trusting_ca()
    {
        using var cert = TestCertificates.SelfSigned("mail.example.com");
        using var other = TestCertificates.SelfSigned("mail.example.com");
        using var server = ImplicitTlsSmtp(cert);
        var tls = Step(Examine(Smtp(server.Port, TlsMode.Implicit, ca: TestCertificates.WritePem(cert), pin: "sha256/" + TlsTrust.PinOf(other))), "smtp tls");
        Assert.Equal(DoctorStatus.Fail, tls.Status);
        Assert.Contains("does not match the pin sha256/" + TlsTrust.PinOf(other), tls.Detail);
        Assert.Contains("pin", tls.Advice);
    }

    [Fact]
    public void Pop3_in_use_login_failure_gives_the_rfc_3206_advice()
    {
        using var server = new TestServer(c =>
        {
            c.Send("+OK ready\r\n");
            c.ReadLine();
            c.Send("+OK\r\nUSER\r\nUIDL\r\nRESP-CODES\r\n.\r\n");
            c.ReadLine();
            c.Send("+OK\r\n");
            c.ReadLine();
            c.Send("-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n");
            c.ReadLine();
            c.Send("+OK bye\r\n");
        });
        var target = new DoctorTarget { Protocol = "pop3", Host = "127.0.0.1", Port = server.Port, Tls = TlsMode.None, User = "device", Password = Secret, AllowPlainAuth = true, TimeoutMs = 3000 };
        var auth = Step(Examine(target), "pop3 auth");
        Assert.Equal(DoctorStatus.Fail, auth.Status);
        Assert.Contains("another client holds the mailbox lock", auth.Advice);
    }

    [Fact]
    public void Starttls_configured_on_a_port_that_lacks_it_fails_tls_and_names_the_ports()
    {
        using var server = new TestServer(c =>
        {
            c.Send("220 mx.example.com ESMTP\r\n");
            c.ReadLine();
            c.Send("250-mx.example.com\r\n250 8BITMIME\r\n");
            c.ReadLine();
            c.Send("221 bye\r\n");
        });
        var report = Examine(Smtp(server.Port, TlsMode.StartTls));
        var tls = Step(report, "smtp tls");
        Assert.Equal(DoctorStatus.Fail, tls.Status);
        Assert.Equal($"the server does not offer STARTTLS on port {server.Port}", tls.Detail);
        Assert.Contains("587", tls.Advice);
        Assert.Equal(DoctorStatus.Skip, Step(report, "smtp auth").Status);
    }

    [Fact]
    public void A_421_too_many_connections_greeting_fails_with_its_advice()
    {
        using var server = new TestServer(c => c.Send("421 4.7.0 mx.example.com Too many connections, try again later\r\n"));
        var greeting = Step(Examine(Smtp(server.Port)), "smtp greeting");
        Assert.Equal(DoctorStatus.Fail, greeting.Status);
        Assert.StartsWith("421 4.7.0", greeting.Detail);
        Assert.Contains("too many connections", greeting.Advice);
    }

    [Fact]
    public void Json_lists_every_step_with_name_status_ms_detail_and_advice()
    {
        using var server = new TestServer(c => c.StaySilent());
        var report = Examine(Smtp(server.Port, timeoutMs: 500));
        using var doc = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
        var greeting = doc.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "smtp greeting");
        Assert.Equal("FAIL", greeting.GetProperty("status").GetString());
        Assert.True(greeting.GetProperty("ms").GetInt64() >= 400);
        Assert.Contains("no greeting", greeting.GetProperty("detail").GetString());
        Assert.NotNull(greeting.GetProperty("advice").GetString());
    }

    [Fact]
    public void Pop3_apop_logs_in_as_the_device_would_without_sending_the_password()
    {
        string? apopLine = null;
        using var server = new TestServer(c =>
        {
            c.Send("+OK ready <1896.697170952@dbc.mtview.ca.us>\r\n");
            c.ReadLine();
            c.Send("+OK\r\nUSER\r\nUIDL\r\n.\r\n");
            apopLine = c.ReadLine();
            c.Send("+OK maildrop has 0 messages\r\n");
            c.ReadLine();
            c.Send("+OK 0 0\r\n");
            c.ReadLine();
            c.Send("+OK\r\n.\r\n");
            c.ReadLine();
            c.Send("+OK bye\r\n");
        });
        var target = new DoctorTarget { Protocol = "pop3", Host = "127.0.0.1", Port = server.Port, Tls = TlsMode.None, User = "device", Password = Secret, UseApop = true, TimeoutMs = 3000 };
        var report = Examine(target);
        Assert.Equal("APOP as device: +OK maildrop has 0 messages", Step(report, "pop3 auth").Detail);
        Assert.StartsWith("APOP device ", apopLine);
        Assert.DoesNotContain(Secret, apopLine + AllText(report));
    }
}
