using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.App.Commands;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Platform;
using Gateway.Host.Sensors;
using Gateway.Interop.Tests.Rig;
using Gateway.Signing;
using MailKit.Security;
using MimeKit;

namespace Gateway.Interop.Tests;

/// <summary>
/// Command mail end to end through real servers: signed by the operator, sent through Postfix, polled
/// from Dovecot, run once against a relay that counts its moves, answered into the operator's Maildir.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewayCommandTests(MailRigFixture fixture)
{
    const string Device = "itdev";
    static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    sealed class Device_
    {
        public required GatewayApp App;
        public required SimulatedRelay Relay;
    }

    static Device_ NewDevice(RigSettings rig, string pop3Tls, int pop3Port)
    {
        var dir = Directory.CreateTempSubdirectory("gateway-cmd-").FullName;
        var text = $"""
            device.id = {Device}
            smtp.host = {rig.Host}
            smtp.port = {rig.SubmissionPort}
            smtp.user = {rig.DeviceUser}
            smtp.password = {rig.DevicePassword}
            smtp.from = {rig.DeviceUser}
            smtp.ca = {rig.CaPath}
            alert.to = {rig.OpsUser}
            pop3.host = {rig.Host}
            pop3.port = {pop3Port}
            pop3.tls = {pop3Tls}
            pop3.user = {rig.DeviceUser}
            pop3.password = {rig.DevicePassword}
            pop3.ca = {rig.CaPath}
            command.key = {Convert.ToBase64String(Key)}
            command.senders = {rig.OpsUser}
            relay.relay1.sim = off
            """;
        var parsed = GatewayConfig.Parse(text);
        Assert.True(parsed.IsValid, parsed.ToString());
        var relay = new SimulatedRelay("relay1", false);
        var app = new GatewayApp(parsed.Config!, new SocketConnector(new TlsTrust(rig.CaPath)), new SocketConnector(new TlsTrust(rig.CaPath)),
            new FileStore(dir), new SystemClock(), NullLog.Instance, [], [relay], new Random(), "interop.gateway.test");
        return new Device_ { App = app, Relay = relay };
    }

    /// <summary>The operator's mail, sent with MailKit (another client than the device's own).</summary>
    internal static async Task<string> MailAsync(RigSettings rig, RigTls tls, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(rig.OpsUser));
        message.To.Add(MailboxAddress.Parse(rig.DeviceUser));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var smtp = new MailKit.Net.Smtp.SmtpClient { ServerCertificateValidationCallback = tls.Validate };
        await smtp.ConnectAsync(rig.Host, rig.SubmissionPort, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(rig.OpsUser, rig.OpsPassword);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
        return message.MessageId!;
    }

    /// <summary>Polls until a mail with <paramref name="token"/> in its subject has an outcome (delivery is asynchronous).</summary>
    static MailOutcome PollFor(GatewayApp app, string token)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var report = app.Poll()!;
            Assert.True(report.Succeeded, report.Error?.Message);
            var outcome = report.Outcomes.FirstOrDefault(o => o.Subject.Contains(token, StringComparison.Ordinal));
            if (outcome != null) return outcome;
            if (sw.Elapsed > RigClients.DeliveryWait) throw new TimeoutException($"no mail with {token} reached the device's mailbox");
            Thread.Sleep(250);
        }
    }

    static string ReplyTo(RigSettings rig, string parentMessageId)
    {
        var box = Path.Combine(rig.Directory, "mail", "gateway.test", "ops");
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < RigClients.DeliveryWait)
        {
            foreach (var sub in new[] { "new", "cur" })
            {
                var dir = Path.Combine(box, sub);
                if (!Directory.Exists(dir)) continue;
                foreach (var f in Directory.GetFiles(dir))
                {
                    var text = File.ReadAllText(f);
                    if (text.Contains("In-Reply-To: <" + parentMessageId + ">", StringComparison.Ordinal))
                    {
                        File.Delete(f);
                        return text;
                    }
                }
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"no reply to <{parentMessageId}> in {box}");
    }

    [SkippableFact]
    public async Task Signed_command_over_pop3s_runs_once_is_answered_and_its_replay_is_refused()
    {
        var rig = fixture.Require();
        var device = NewDevice(rig, "implicit", rig.Pop3sPort);
        var token = Guid.NewGuid().ToString("N");
        var body = "please switch it on\n\n" + CommandSigner.Sign(["relay relay1 on", "status"], Device, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), Key);

        var id = await MailAsync(rig, fixture.Tls, $"[{Device}] commands {token}", body);
        var outcome = PollFor(device.App, token);

        Assert.Equal(MailVerdict.Executed, outcome.Verdict);
        Assert.Equal(1, device.Relay.Moves);
        Assert.True(device.Relay.On);
        Assert.Equal(1, device.App.Deliver().Sent);
        var reply = ReplyTo(rig, id);
        Assert.Contains("relay1 on: ok (was off)", reply);
        Assert.Contains("Subject: Re: [itdev] commands " + token, reply);

        // The very same mail again (same nonce, same signature): refused, the relay does not move.
        var again = await MailAsync(rig, fixture.Tls, $"[{Device}] commands {token}-again", body);
        var second = PollFor(device.App, token + "-again");
        Assert.Equal(MailVerdict.Rejected, second.Verdict);
        Assert.Contains("replayed", second.Detail);
        Assert.Equal(1, device.Relay.Moves);
        device.App.Deliver();
        Assert.Contains("rejected: replayed nonce", ReplyTo(rig, again));
    }

    [SkippableFact]
    public async Task A_forged_command_over_stls_is_refused_and_nothing_moves()
    {
        var rig = fixture.Require();
        var device = NewDevice(rig, "starttls", rig.Pop3Port);
        var token = Guid.NewGuid().ToString("N");
        var forged = CommandSigner.Sign(["relay relay1 on"], Device, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32));

        await MailAsync(rig, fixture.Tls, $"[{Device}] commands {token}", forged);
        var outcome = PollFor(device.App, token);

        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.Equal("bad signature", outcome.Detail);
        Assert.Equal(0, device.Relay.Moves);
    }

    [SkippableFact]
    public async Task Mail_without_the_device_tag_is_skipped_and_left_alone()
    {
        var rig = fixture.Require();
        var device = NewDevice(rig, "implicit", rig.Pop3sPort);
        var token = Guid.NewGuid().ToString("N");
        await MailAsync(rig, fixture.Tls, $"lunch? {token}", "relay relay1 on");
        var outcome = PollFor(device.App, token);
        Assert.Equal(MailVerdict.Skipped, outcome.Verdict);
        Assert.Contains("does not name this device", outcome.Detail);
        Assert.Equal(0, device.Relay.Moves);
        // Handled once: the next poll does not look at it again.
        Assert.DoesNotContain(device.App.Poll()!.Outcomes, o => o.Subject.Contains(token, StringComparison.Ordinal));
    }
}
