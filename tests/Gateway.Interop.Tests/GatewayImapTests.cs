using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Interop.Tests.Rig;
using Gateway.Mail.Imap;
using Gateway.Signing;
using MailKit;
using MailKit.Security;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests;

/// <summary>
/// The IMAP client and the IMAP command path against the rig's real Dovecot (1143 STARTTLS, 1993
/// implicit TLS), with MailKit's ImapClient as the cross-check, and `gateway run` with imap.* set
/// running a command mailed by `gateway command` through Postfix.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class GatewayImapTests(MailRigFixture fixture, ITestOutputHelper output)
{
    static ImapOptions Options(RigSettings rig, bool implicitTls) => new()
    {
        Host = rig.Host,
        Port = implicitTls ? rig.ImapsPort : rig.ImapPort,
        Tls = implicitTls ? TlsMode.Implicit : TlsMode.StartTls,
        User = rig.DeviceUser,
        Password = rig.DevicePassword,
        TimeoutMs = 10000,
    };

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Logs_in_selects_and_agrees_with_mailkit(bool implicitTls)
    {
        var rig = fixture.Require();
        var client = new ImapClient(new SocketConnector(new TlsTrust(rig.CaPath)), Options(rig, implicitTls));
        client.Connect();
        Assert.True(client.IsEncrypted);
        Assert.True(client.IsAuthenticated);
        Assert.True(client.CanIdle, "Dovecot offers IDLE and the host channel can wait");
        Assert.True((client.Capabilities & ImapCapabilities.UidPlus) != 0);
        client.Select("INBOX");

        using var mk = new MailKit.Net.Imap.ImapClient { ServerCertificateValidationCallback = fixture.Tls.Validate };
        await mk.ConnectAsync(rig.Host, implicitTls ? rig.ImapsPort : rig.ImapPort, implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);
        await mk.AuthenticateAsync(rig.DeviceUser, rig.DevicePassword);
        await mk.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal((long)mk.Inbox.UidValidity, client.UidValidity);
        await mk.DisconnectAsync(true);

        client.ClearNewMail(); // SELECT's EXISTS counted
        client.StartIdle();
        Assert.False(client.WaitIdle(200), "nothing arrived");
        client.StopIdle();
        Assert.True(client.Logout());
    }

    [SkippableFact]
    public void A_wrong_password_is_refused_with_its_code()
    {
        var rig = fixture.Require();
        var options = Options(rig, true);
        options.Password = "not-the-password";
        var client = new ImapClient(new SocketConnector(new TlsTrust(rig.CaPath)), options);
        var e = Assert.Throws<ImapException>(client.Connect);
        Assert.Equal(ImapErrorKind.Permanent, e.Kind);
        Assert.Equal("AUTHENTICATIONFAILED", e.Code);
        Assert.DoesNotContain("not-the-password", e.Message);
    }

    [SkippableFact]
    public async Task Gateway_run_with_imap_runs_a_mailed_command_within_2_s_and_refuses_replayed_and_unsigned_mail()
    {
        var rig = fixture.Require();
        var dir = Directory.CreateTempSubdirectory("gateway-imap-").FullName;
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        var key = Convert.ToBase64String(keyBytes);
        var device = "imap-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(Path.Combine(dir, "device.conf"), $"""
            device.id = {device}
            smtp.host = {rig.Host}
            smtp.port = {rig.SubmissionPort}
            smtp.user = {rig.DeviceUser}
            smtp.password = {rig.DevicePassword}
            smtp.from = {rig.DeviceUser}
            smtp.ca = {rig.CaPath}
            alert.to = {rig.OpsUser}
            store.path = {dir}/store
            imap.host = {rig.Host}
            imap.port = {rig.ImapPort}
            imap.tls = starttls
            imap.user = {rig.DeviceUser}
            imap.password = {rig.DevicePassword}
            imap.ca = {rig.CaPath}
            imap.interval = 10m
            command.key = {key}
            command.senders = {rig.OpsUser}
            relay.relay1.sim = off
            """);
        File.WriteAllText(Path.Combine(dir, "operator.conf"), GatewayCliTests.OperatorConfig(rig, device, key));

        using var run = RunningGateway.Start(dir, "run", "--config", "device.conf");
        try
        {
            run.WaitFor("waiting with IDLE", TimeSpan.FromSeconds(30));

            var sent = GatewayProcess.Run(dir, "command", "--config", "operator.conf", "relay relay1 on", "status");
            Assert.True(sent.code == 0, sent.stdout + sent.stderr);
            var mailed = Stopwatch.StartNew();
            var executed = run.WaitFor("executed: from " + rig.OpsUser, TimeSpan.FromSeconds(20));
            var latency = mailed.Elapsed;
            output.WriteLine($"IMAP IDLE: command executed {latency.TotalMilliseconds:0} ms after `gateway command` returned (Postfix delivery included)");
            Assert.Contains("relay1 on: ok (was off)", executed);
            Assert.True(latency < TimeSpan.FromSeconds(2), $"took {latency.TotalMilliseconds:0} ms");
            run.WaitFor("sent <", TimeSpan.FromSeconds(20)); // the answer went out through the outbox

            // The same signed block again, and one signed with another key: both refused, nothing moves.
            var block = CommandSigner.Sign(["relay relay1 off"], device, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), keyBytes);
            await GatewayCommandTests.MailAsync(rig, fixture.Tls, $"[{device}] once", block);
            run.WaitFor("relay1 off: ok", TimeSpan.FromSeconds(20));
            await GatewayCommandTests.MailAsync(rig, fixture.Tls, $"[{device}] again", block);
            run.WaitFor("replayed", TimeSpan.FromSeconds(20));
            var forged = CommandSigner.Sign(["relay relay1 on"], device, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32));
            await GatewayCommandTests.MailAsync(rig, fixture.Tls, $"[{device}] forged", forged);
            run.WaitFor("bad signature", TimeSpan.FromSeconds(20));
            await GatewayCommandTests.MailAsync(rig, fixture.Tls, $"[{device}] unsigned", "relay relay1 on");
            var log = run.WaitFor("an unsigned mail runs nothing", TimeSpan.FromSeconds(20));
            Assert.DoesNotContain(key, log);
            Assert.DoesNotContain(rig.DevicePassword, log);
        }
        finally
        {
            output.WriteLine(run.Text);
        }
    }

    /// <summary>`gateway run` in the background, its output collected; killed when disposed.</summary>
    sealed class RunningGateway : IDisposable
    {
        readonly Process _p;
        readonly StringBuilder _text = new();
        int _searchFrom;

        RunningGateway(Process p) => _p = p;

        public string Text { get { lock (_text) return _text.ToString(); } }

        public static RunningGateway Start(string dir, params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gateway.dll"));
            foreach (var a in args) psi.ArgumentList.Add(a);
            var g = new RunningGateway(new Process { StartInfo = psi });
            g._p.OutputDataReceived += (_, e) => g.Add(e.Data);
            g._p.ErrorDataReceived += (_, e) => g.Add(e.Data);
            g._p.Start();
            g._p.BeginOutputReadLine();
            g._p.BeginErrorReadLine();
            return g;
        }

        void Add(string? line)
        {
            if (line == null) return;
            lock (_text) _text.AppendLine(line);
        }

        /// <summary>Waits for a line (after the last one waited for) holding <paramref name="what"/> (or <paramref name="alternative"/>); returns it.</summary>
        public string WaitFor(string what, TimeSpan limit, string? alternative = null)
        {
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < limit)
            {
                lock (_text)
                {
                    var text = _text.ToString();
                    int i = text.IndexOf(what, _searchFrom, StringComparison.Ordinal);
                    if (i < 0 && alternative != null) i = text.IndexOf(alternative, _searchFrom, StringComparison.Ordinal);
                    if (i >= 0)
                    {
                        int start = text.LastIndexOf('\n', i) + 1;
                        int end = text.IndexOf('\n', i);
                        _searchFrom = end < 0 ? text.Length : end;
                        return text[start.._searchFrom];
                    }
                }
                if (_p.HasExited) throw new InvalidOperationException($"gateway run exited ({_p.ExitCode}) before \"{what}\":\n{Text}");
                Thread.Sleep(10);
            }
            throw new TimeoutException($"no \"{what}\" within {limit.TotalSeconds} s:\n{Text}");
        }

        public void Dispose()
        {
            try { if (!_p.HasExited) _p.Kill(true); } catch (InvalidOperationException) { }
            _p.WaitForExit(5000);
            _p.Dispose();
        }
    }
}
