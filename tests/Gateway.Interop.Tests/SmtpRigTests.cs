using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Interop.Tests.Rig;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Gateway.Interop.Tests;

/// <summary>Proves the rig's Postfix behaves as the gateway's SMTP client will need it to, with MailKit as the client.</summary>
[Collection(MailRigCollection.Name)]
public sealed class SmtpRigTests
{
    private readonly MailRigFixture _fixture;

    public SmtpRigTests(MailRigFixture fixture) => _fixture = fixture;

    private RigClients Clients() => new(_fixture.Require(), _fixture.Tls);

    [SkippableFact]
    public Task Submission2587_StartTlsAuthenticated_IsDelivered() =>
        SubmitAndCollectAsync(c => c.Rig.SubmissionPort, SecureSocketOptions.StartTls);

    [SkippableFact]
    public Task Smtp2525_StartTlsAuthenticated_IsDelivered() =>
        SubmitAndCollectAsync(c => c.Rig.SmtpPort, SecureSocketOptions.StartTls);

    [SkippableFact]
    public Task Smtps2465_ImplicitTlsAuthenticated_IsDelivered() =>
        SubmitAndCollectAsync(c => c.Rig.SmtpsPort, SecureSocketOptions.SslOnConnect);

    private async Task SubmitAndCollectAsync(Func<RigClients, int> port, SecureSocketOptions security)
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);
        var mail = RigClients.NewMail(rig.DeviceUser, rig.OpsUser, $"submit-{port(clients)}");

        using (var smtp = await clients.ConnectSmtpAsync(port(clients), security, cts.Token))
        {
            Assert.True(smtp.IsSecure, "the session is not encrypted");
            Assert.Contains("PLAIN", smtp.AuthenticationMechanisms);
            var reply = await RigClients.SubmitAsync(smtp, rig.DeviceUser, rig.DevicePassword, mail.Message, cts.Token);
            Assert.Contains("queued as", reply, StringComparison.Ordinal);
        }

        var delivered = await clients.TakeMessageAsync(rig.OpsUser, rig.OpsPassword, mail.Token, cts.Token);
        Assert.Equal(mail.Message.Subject, delivered.Subject);
        Assert.Equal(mail.Message.MessageId, delivered.MessageId);
        Assert.Contains(mail.Token, delivered.TextBody, StringComparison.Ordinal);
        // Postfix records an authenticated (A) submission over TLS (S) as ESMTPSA.
        Assert.Contains("with ESMTPSA", delivered.Headers[HeaderId.Received], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Smtp2525_RelayToOutsideDomainWithoutAuth_IsRefusedWith554()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        foreach (var security in new[] { SecureSocketOptions.None, SecureSocketOptions.StartTls })
        {
            var mail = RigClients.NewMail(rig.DeviceUser, "someone@example.com", "relay");
            using var smtp = await clients.ConnectSmtpAsync(rig.SmtpPort, security, cts.Token);
            Assert.False(smtp.IsAuthenticated);

            var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(mail.Message, cts.Token));
            Assert.Equal(554, (int)refused.StatusCode);
            Assert.Equal(SmtpErrorCode.RecipientNotAccepted, refused.ErrorCode);
            Assert.Contains("Relay access denied", refused.Message, StringComparison.Ordinal);
            await smtp.DisconnectAsync(true, cts.Token);
        }
    }

    [SkippableFact]
    public async Task SubmissionPorts_WithoutAuth_RefuseEvenLocalRecipients()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        foreach (var (port, security) in new[]
                 {
                     (rig.SubmissionPort, SecureSocketOptions.StartTls),
                     (rig.SmtpsPort, SecureSocketOptions.SslOnConnect),
                 })
        {
            var mail = RigClients.NewMail(rig.DeviceUser, rig.OpsUser, "noauth");
            using var smtp = await clients.ConnectSmtpAsync(port, security, cts.Token);
            var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => smtp.SendAsync(mail.Message, cts.Token));
            Assert.Equal(554, (int)refused.StatusCode);
            Assert.Contains("Access denied", refused.Message, StringComparison.Ordinal);
            await smtp.DisconnectAsync(true, cts.Token);
        }
    }

    [SkippableFact]
    public async Task Submission2587_MailBeforeStartTls_IsRefusedWith530()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);
        using var log = new MemoryStream();
        var mail = RigClients.NewMail(rig.DeviceUser, rig.OpsUser, "plain-submission");

        using (var smtp = await clients.ConnectSmtpAsync(rig.SubmissionPort, SecureSocketOptions.None, cts.Token,
                   new ProtocolLogger(log, leaveOpen: true)))
        {
            Assert.False(smtp.IsSecure);
            Assert.True(smtp.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
            Assert.False(smtp.Capabilities.HasFlag(SmtpCapabilities.Authentication), "AUTH offered before STARTTLS");
            // MailKit maps 530 to ServiceNotAuthenticatedException.
            var refused = await Assert.ThrowsAsync<ServiceNotAuthenticatedException>(
                () => smtp.SendAsync(mail.Message, cts.Token));
            Assert.Contains("Must issue a STARTTLS command first", refused.Message, StringComparison.Ordinal);
        }

        var transcript = System.Text.Encoding.UTF8.GetString(log.ToArray());
        Assert.Contains("S: 530 ", transcript, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Submission2587_WrongPassword_IsRefusedWith535_AndTheRightOneThenWorks()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);
        using var log = new MemoryStream();

        using (var smtp = await clients.ConnectSmtpAsync(rig.SubmissionPort, SecureSocketOptions.StartTls, cts.Token,
                   new ProtocolLogger(log, leaveOpen: true)))
        {
            await Assert.ThrowsAsync<AuthenticationException>(
                () => smtp.AuthenticateAsync(rig.DeviceUser, rig.DevicePassword + "-wrong", cts.Token));
            Assert.False(smtp.IsAuthenticated);

            await smtp.AuthenticateAsync(rig.DeviceUser, rig.DevicePassword, cts.Token);
            Assert.True(smtp.IsAuthenticated);
            await smtp.DisconnectAsync(true, cts.Token);
        }

        var transcript = System.Text.Encoding.UTF8.GetString(log.ToArray());
        Assert.Contains("S: 535 ", transcript, StringComparison.Ordinal);
        Assert.Contains("S: 235 ", transcript, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Smtp2525_AuthIsOfferedOnlyAfterStartTls()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        using (var plain = await clients.ConnectSmtpAsync(rig.SmtpPort, SecureSocketOptions.None, cts.Token))
        {
            Assert.False(plain.IsSecure);
            Assert.True(plain.Capabilities.HasFlag(SmtpCapabilities.StartTLS), "STARTTLS is not offered");
            Assert.False(plain.Capabilities.HasFlag(SmtpCapabilities.Authentication), "AUTH offered before STARTTLS");
            Assert.Empty(plain.AuthenticationMechanisms);
            await plain.DisconnectAsync(true, cts.Token);
        }

        using var secure = await clients.ConnectSmtpAsync(rig.SmtpPort, SecureSocketOptions.StartTls, cts.Token);
        Assert.True(secure.IsSecure);
        Assert.True(secure.Capabilities.HasFlag(SmtpCapabilities.Authentication), "AUTH not offered after STARTTLS");
        Assert.Contains("PLAIN", secure.AuthenticationMechanisms);
        Assert.Contains("LOGIN", secure.AuthenticationMechanisms);
        await secure.DisconnectAsync(true, cts.Token);
    }

    [SkippableFact]
    public async Task Tls_ACertificateNotFromTheRigCa_IsRejected()
    {
        var rig = _fixture.Require();
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        // Same names as the rig's certificate, different key: trusting it must not make the rig trusted.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mail.gateway.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("mail.gateway.test");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var stranger = new RigTls(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));
        var clients = new RigClients(rig, stranger);

        await Assert.ThrowsAsync<SslHandshakeException>(
            () => clients.ConnectSmtpAsync(rig.SmtpsPort, SecureSocketOptions.SslOnConnect, cts.Token));
        await Assert.ThrowsAsync<SslHandshakeException>(
            () => clients.ConnectSmtpAsync(rig.SubmissionPort, SecureSocketOptions.StartTls, cts.Token));
        await Assert.ThrowsAsync<SslHandshakeException>(
            () => clients.ConnectPop3Async(rig.Pop3sPort, SecureSocketOptions.SslOnConnect, cts.Token));
    }
}
