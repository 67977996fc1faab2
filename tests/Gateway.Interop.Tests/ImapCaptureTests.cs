using Gateway.Core.Net;
using Gateway.FrameDebugger;
using Gateway.FrameDebugger.Capture;
using Gateway.Host.Net;
using Gateway.Interop.Tests.Rig;
using Gateway.Mail.Imap;
using MailKit.Security;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests;

/// <summary>
/// `framedbg --live lo --dialogue` around real IMAP sessions with the rig's Dovecot on its clear port:
/// the gateway's client (AUTHENTICATE PLAIN with SASL-IR, SELECT, IDLE, DONE, LOGOUT) and MailKit's
/// (LOGIN), captured by libpcap as they happen. The dialogue names IMAP from what is said on a port it
/// does not know, shows the commands, and never the password, plain or in its SASL base64.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class ImapCaptureTests(MailRigFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Framedbg_dialogue_of_captured_imap_sessions_shows_the_commands_and_redacts_login_and_authenticate()
    {
        var rig = fixture.Require();
        var text = new StringWriter();
        var error = new StringWriter();
        LiveCaptureReader? reader = null;
        using var started = new ManualResetEventSlim();
        var capture = Task.Run(() => FrameDebuggerCommand.RunLive("lo", $"tcp port {rig.ImapPort}", null, 60, null, text, error,
            dialogue: true, started: r => { reader = r; started.Set(); }));
        if (!started.Wait(TimeSpan.FromSeconds(10)))
        {
            capture.Wait(TimeSpan.FromSeconds(5));
            if (MailRigFixture.IsCi) Assert.Fail("no live capture under CI=true: " + error);
            throw new SkipException("no live capture here: " + error);
        }

        // The gateway's client in clear: only a test server may have imap.tls = none with allow-plain-auth.
        var client = new ImapClient(new SocketConnector(new TlsTrust(rig.CaPath)), new ImapOptions
        {
            Host = rig.Host, Port = rig.ImapPort, Tls = TlsMode.None, User = rig.DeviceUser, Password = rig.DevicePassword,
            AllowPlainAuth = true, TimeoutMs = 10000,
        });
        client.Connect();
        client.Select("INBOX");
        client.StartIdle();
        client.WaitIdle(200);
        client.StopIdle();
        Assert.True(client.Logout());

        using (var mk = new MailKit.Net.Imap.ImapClient())
        {
            await mk.ConnectAsync(rig.Host, rig.ImapPort, SecureSocketOptions.None);
            mk.AuthenticationMechanisms.Clear(); // no SASL: MailKit falls back to LOGIN
            await mk.AuthenticateAsync(rig.DeviceUser, rig.DevicePassword);
            await mk.DisconnectAsync(true);
        }
        Thread.Sleep(500); // the last FIN and ACK
        reader!.Stop();
        Assert.True(capture.Wait(TimeSpan.FromSeconds(20)), "the capture did not end");
        Assert.True(capture.Result == 0, error.ToString());

        var dialogue = text.ToString();
        output.WriteLine(dialogue);
        var connections = dialogue.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, connections.Length);
        Assert.All(connections, c => Assert.StartsWith("IMAP 127.0.0.1:", c));
        Assert.Contains("protocol from: server greeting \"* OK\", then client tagged command AUTHENTICATE", connections[0]);
        Assert.Matches(@"C: A1 AUTHENTICATE PLAIN \*{8}\n", connections[0]);
        Assert.Matches(@"C: A2 SELECT ""INBOX""\n", connections[0]);
        Assert.Matches(@"C: A3 IDLE\n", connections[0]);
        Assert.Matches(@"S: \+ idling\n", connections[0]);
        Assert.Matches(@"C: DONE\n", connections[0]);
        Assert.Matches(@"S: A3 OK Idle completed", connections[0]);
        Assert.Matches(@"C: A4 LOGOUT\n", connections[0]);
        Assert.Contains("protocol from: server greeting \"* OK\", then client tagged command LOGIN", connections[1]);
        Assert.Matches(@"C: \S+ LOGIN ""?device@gateway\.test""? \*{8}\n", connections[1]);
        var plain = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("\0" + rig.DeviceUser + "\0" + rig.DevicePassword));
        Assert.DoesNotContain(rig.DevicePassword, dialogue);
        Assert.DoesNotContain(plain, dialogue);
    }
}
