using Gateway.Interop.Tests.Rig;
using MailKit.Net.Pop3;
using MailKit.Security;
using MimeKit;

namespace Gateway.Interop.Tests;

/// <summary>Proves the rig's Dovecot serves what Postfix delivered, over POP3 with STLS and over POP3S.</summary>
[Collection(MailRigCollection.Name)]
public sealed class Pop3RigTests
{
    private readonly MailRigFixture _fixture;

    public Pop3RigTests(MailRigFixture fixture) => _fixture = fixture;

    private RigClients Clients() => new(_fixture.Require(), _fixture.Tls);

    [SkippableFact]
    public async Task Pop3_1110_OffersStls_AndServesTheSubmittedMessage_UidlTopRetrDele()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        using (var plain = await clients.ConnectPop3Async(rig.Pop3Port, SecureSocketOptions.None, cts.Token))
        {
            Assert.False(plain.IsSecure);
            Assert.True(plain.Capabilities.HasFlag(Pop3Capabilities.StartTLS), "STLS is not offered on the plain port");
            await plain.DisconnectAsync(true, cts.Token);
        }

        await RoundTripAsync(clients, rig.SubmissionPort, SecureSocketOptions.StartTls, rig.OpsUser, rig.OpsPassword,
            rig.DeviceUser, rig.DevicePassword, rig.Pop3Port, SecureSocketOptions.StartTls, cts.Token);
    }

    [SkippableFact]
    public async Task Pop3s_1995_ServesTheSubmittedMessage_UidlTopRetrDele()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        await RoundTripAsync(clients, rig.SmtpsPort, SecureSocketOptions.SslOnConnect, rig.DeviceUser, rig.DevicePassword,
            rig.OpsUser, rig.OpsPassword, rig.Pop3sPort, SecureSocketOptions.SslOnConnect, cts.Token);
    }

    [SkippableFact]
    public async Task Pop3s_1995_WrongPassword_IsRefused()
    {
        var clients = Clients();
        var rig = clients.Rig;
        using var cts = new CancellationTokenSource(RigClients.TestTimeout);

        using var pop3 = await clients.ConnectPop3Async(rig.Pop3sPort, SecureSocketOptions.SslOnConnect, cts.Token);
        await Assert.ThrowsAsync<AuthenticationException>(
            () => pop3.AuthenticateAsync(rig.OpsUser, rig.OpsPassword + "-wrong", cts.Token));
        Assert.False(pop3.IsAuthenticated);
    }

    private static async Task RoundTripAsync(RigClients clients, int smtpPort, SecureSocketOptions smtpSecurity,
        string sender, string senderPassword, string recipient, string recipientPassword,
        int pop3Port, SecureSocketOptions pop3Security, CancellationToken ct)
    {
        var mail = RigClients.NewMail(sender, recipient, $"pop3-{pop3Port}");
        using (var smtp = await clients.ConnectSmtpAsync(smtpPort, smtpSecurity, ct))
        {
            await RigClients.SubmitAsync(smtp, sender, senderPassword, mail.Message, ct);
        }

        string uid;
        var (pop3, index) = await clients.WaitForMessageAsync(pop3Port, pop3Security, recipient, recipientPassword, mail.Token, ct);
        using (pop3)
        {
            Assert.True(pop3.IsSecure, "the POP3 session is not encrypted");
            Assert.True(pop3.IsAuthenticated);
            Assert.True(pop3.Capabilities.HasFlag(Pop3Capabilities.UIDL), "UIDL is not offered");
            Assert.True(pop3.Capabilities.HasFlag(Pop3Capabilities.Top), "TOP is not offered");

            // UIDL: pop3_uidl_format = %08Xu%08Xv (UID and UIDVALIDITY, 8 hex digits each).
            uid = await pop3.GetMessageUidAsync(index, ct);
            Assert.Matches("^[0-9A-Fa-f]{16}$", uid);

            // TOP n 0: headers only.
            var headers = await pop3.GetMessageHeadersAsync(index, ct);
            Assert.Equal(mail.Message.Subject, headers[HeaderId.Subject]);

            // RETR: the whole message, as submitted.
            var message = await pop3.GetMessageAsync(index, ct);
            Assert.Equal(mail.Message.MessageId, message.MessageId);
            Assert.Contains(mail.Token, message.TextBody, StringComparison.Ordinal);
            Assert.Equal(recipient, Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal(recipient, message.Headers["Delivered-To"]);

            // DELE, committed by QUIT.
            await pop3.DeleteMessageAsync(index, ct);
            await pop3.DisconnectAsync(true, ct);
        }

        using var again = await clients.ConnectPop3Async(pop3Port, pop3Security, ct);
        await again.AuthenticateAsync(recipient, recipientPassword, ct);
        var uids = await again.GetMessageUidsAsync(ct);
        Assert.DoesNotContain(uid, uids);
        await again.DisconnectAsync(true, ct);
    }
}
