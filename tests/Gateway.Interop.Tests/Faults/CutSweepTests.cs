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
using MailKit.Net.Pop3;
using MailKit.Security;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests.Faults;

/// <summary>
/// The first connection of a delivery or a poll cut at byte N, for N over the whole session in both
/// directions (through <see cref="FaultProxy"/> in front of the real rig), then the gateway left to
/// recover by itself: every alert arrives, copies only with one Message-ID; every command runs once.
/// GATEWAY_FAULT_STRIDE=1 tries every byte offset (slow: thousands of sessions); by default about 50
/// cut points per sweep, spread evenly, plus the chunk boundaries at the end of the session.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class CutSweepTests(MailRigFixture fixture, ITestOutputHelper output)
{
    const string Device = "faultdev";
    const int PointsPerDirection = 22;
    static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(20);

    static int? Stride =>
        int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_FAULT_STRIDE"), out int s) && s > 0 ? s : null;

    internal sealed class Device_
    {
        public required GatewayApp App;
        public required SimulatedRelay Relay;
    }

    /// <summary>The device's log of one run, kept to explain a duplicate (or a store that does not drain).</summary>
    internal sealed class RunLog : ILog
    {
        public List<string> Lines { get; } = [];
        /// <summary>Debug shows the SMTP dialogue (the client's commands, the server's replies).</summary>
        public LogLevel MinLevel { get; init; } = LogLevel.Info;
        public bool IsEnabled(LogLevel level) => level >= MinLevel;
        public void Write(LogLevel level, string text) { lock (Lines) Lines.Add(level + " " + text); }
    }

    /// <summary>
    /// The configuration of a rig device's command mail: POP3 over implicit TLS, or IMAP with STARTTLS
    /// and IDLE (a 10 s keep-alive; other mail deleted, so a stray mail of another test never stays).
    /// </summary>
    internal static string CommandsConfig(RigSettings rig, int port, bool imap, string timeout)
    {
        string p = imap ? "imap" : "pop3";
        return $"""
            {p}.host = 127.0.0.1
            {p}.port = {port}
            {p}.tls = {(imap ? "starttls" : "implicit")}
            {p}.user = {rig.DeviceUser}
            {p}.password = {rig.DevicePassword}
            {p}.ca = {rig.CaPath}
            {p}.timeout = {timeout}
            """ + (imap ? "\nimap.keepalive = 10s\nimap.delete-other = true" : "");
    }

    /// <param name="imap">The commands come by IMAP (STARTTLS, IDLE) from <paramref name="pop3Port"/> instead of POP3; other mail is deleted.</param>
    /// <param name="clock">The device's clock (a test skips the reconnect backoff by moving it); the system's by default.</param>
    internal static Device_ NewDevice(RigSettings rig, int smtpPort, int pop3Port, byte[] key, ILog? log = null, string timeout = "5s", bool imap = false, IClock? clock = null)
    {
        var dir = Directory.CreateTempSubdirectory("gateway-fault-").FullName;
        var commands = CommandsConfig(rig, pop3Port, imap, timeout);
        // 127.0.0.1 as the host: the TLS name check is against the rig certificate's IP SAN.
        var text = $"""
            device.id = {Device}
            smtp.host = 127.0.0.1
            smtp.port = {smtpPort}
            smtp.tls = starttls
            smtp.user = {rig.DeviceUser}
            smtp.password = {rig.DevicePassword}
            smtp.from = {rig.DeviceUser}
            smtp.ca = {rig.CaPath}
            smtp.timeout = {timeout}
            alert.to = {rig.OpsUser}
            {commands}
            command.key = {Convert.ToBase64String(key)}
            command.senders = {rig.OpsUser}
            relay.relay1.sim = off
            """;
        var parsed = GatewayConfig.Parse(text);
        Assert.True(parsed.IsValid, parsed.ToString());
        var relay = new SimulatedRelay("relay1", false);
        var app = new GatewayApp(parsed.Config!, new SocketConnector(new TlsTrust(rig.CaPath)), new SocketConnector(new TlsTrust(rig.CaPath)),
            new FileStore(dir), clock ?? new SystemClock(), log ?? NullLog.Instance, [], [relay], new Random(), "faults.gateway.test");
        return new Device_ { App = app, Relay = relay };
    }

    /// <summary>Cut points over a session of (c2s, s2c) bytes: evenly spread, or every <see cref="Stride"/>-th, plus the ends of its last chunks.</summary>
    internal static List<(FaultDirection, long)> CutPoints(ProxiedConnection session)
    {
        var points = new SortedSet<(FaultDirection, long)>();
        foreach (var (d, total) in new[] { (FaultDirection.ClientToServer, session.ClientToServer), (FaultDirection.ServerToClient, session.ServerToClient) })
        {
            long step = Stride ?? Math.Max(1, total / PointsPerDirection);
            for (long n = 0; n < total; n += step) points.Add((d, n));
            // The end of the session: the end of data, its 250, QUIT and 221 are the last chunks each way.
            var chunks = session.Chunks.Where(c => c.Direction == d).TakeLast(3);
            foreach (var c in chunks)
                foreach (var n in new[] { c.Offset, c.Offset + 1, c.Offset + c.Length - 1 })
                    if (n >= 0 && n < total) points.Add((d, n));
        }
        return [.. points];
    }

    internal static Fault FaultAt(FaultDirection d, long n, int i) =>
        new(i % 2 == 0 ? FaultAction.Close : FaultAction.Reset, d, n);

    /// <summary>The mails in a rig Maildir holding <paramref name="token"/>, each once (a file moving from new/ to cur/ while listed is one mail).</summary>
    /// <summary>Every sweep alert in a Maildir by its token (one pass over the folder, for thousands of runs).</summary>
    static Dictionary<string, List<string>> MailByToken(RigSettings rig, string user)
    {
        var found = new Dictionary<string, List<string>>();
        var seen = new HashSet<string>();
        var box = Path.Combine(rig.Directory, "mail", "gateway.test", user);
        foreach (var sub in new[] { "new", "cur" })
        {
            var dir = Path.Combine(box, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.GetFiles(dir))
            {
                string text;
                try { text = File.ReadAllText(f); }
                catch (IOException) { continue; }
                var m = System.Text.RegularExpressions.Regex.Match(text, "fault sweep (fault-[0-9a-f]{32})");
                if (!m.Success || !seen.Add(Path.GetFileName(f).Split(':')[0])) continue;
                if (!found.TryGetValue(m.Groups[1].Value, out var list)) found[m.Groups[1].Value] = list = [];
                list.Add(text);
            }
        }
        return found;
    }

    internal static List<string> MailWith(RigSettings rig, string user, string token)
    {
        var found = new List<string>();
        var seen = new HashSet<string>();
        var box = Path.Combine(rig.Directory, "mail", "gateway.test", user);
        foreach (var sub in new[] { "new", "cur" })
        {
            var dir = Path.Combine(box, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.GetFiles(dir))
            {
                string text;
                try { text = File.ReadAllText(f); }
                catch (IOException) { continue; }
                var unique = Path.GetFileName(f).Split(':')[0];
                if (text.Contains(token, StringComparison.Ordinal) && seen.Add(unique)) found.Add(text);
            }
        }
        return found;
    }

    /// <summary>The Postfix queue id in the first Received header: two ids are two accepted transactions.</summary>
    static string QueueId(string mail)
    {
        var m = System.Text.RegularExpressions.Regex.Match(mail, @"with E?SMTPS?A? id ([0-9A-Za-z]+)");
        return m.Success ? m.Groups[1].Value : "?";
    }

    internal static string? HeaderValue(string mail, string name)
    {
        foreach (var line in mail.Split('\n'))
        {
            if (line.Trim().Length == 0) break;
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) return line[(name.Length + 1)..].Trim();
        }
        return null;
    }

    [SkippableFact]
    public void Smtp_session_cut_at_any_byte_still_delivers_every_alert_with_one_message_id()
    {
        var rig = fixture.Require();
        var key = RandomNumberGenerator.GetBytes(32);
        var sw = Stopwatch.StartNew();

        // One clean session, to learn its size and its chunks.
        ProxiedConnection clean;
        var cleanLog = new RunLog { MinLevel = LogLevel.Debug };
        using (var proxy = new FaultProxy(rig.SubmissionPort))
        {
            var device = NewDevice(rig, proxy.Port, rig.Pop3sPort, key, cleanLog);
            // The same sizes as every run's alert, so the byte offsets line up.
            device.App.QueueAlert("fault sweep fault-" + Guid.NewGuid().ToString("N"), "one alert through a cut connection");
            var report = device.App.Deliver();
            Assert.True(report.Error == null, report.Error?.Message);
            Assert.Equal(1, report.Sent);
            clean = Assert.Single(proxy.Connections);
        }
        // Postfix offers CHUNKING: the message goes as BDAT with the envelope, so the sweep cuts that path.
        Assert.Contains(cleanLog.Lines, l => l.Contains("C: BDAT ", StringComparison.Ordinal) && l.EndsWith(" LAST", StringComparison.Ordinal));
        var points = CutPoints(clean);
        output.WriteLine($"clean SMTP session: {clean.ClientToServer} bytes C->S, {clean.ServerToClient} bytes S->C, {clean.Chunks.Length} chunks; {points.Count} cut points");
        output.WriteLine("chunks: " + string.Join(" ", clean.Chunks.Select(c => $"{(c.Direction == FaultDirection.ClientToServer ? "C" : "S")}{c.Offset}+{c.Length}")));

        var runs = new List<(string Token, string MessageId, Fault Fault, RunLog Log)>();
        for (int i = 0; i < points.Count; i++)
        {
            var (d, n) = points[i];
            var fault = FaultAt(d, n, i);
            using var proxy = new FaultProxy(rig.SubmissionPort, c => c == 0 ? fault : null);
            var log = new RunLog();
            var device = NewDevice(rig, proxy.Port, rig.Pop3sPort, key, log);
            string token = "fault-" + Guid.NewGuid().ToString("N");
            var entry = device.App.QueueAlert("fault sweep " + token, "one alert through a cut connection");
            var until = Stopwatch.StartNew();
            while (device.App.Outbox.Count > 0)
            {
                Assert.True(until.Elapsed < RecoveryLimit, $"{fault}: the alert is still in the outbox after {RecoveryLimit.TotalSeconds} s: {device.App.LastError}");
                device.App.Outbox.MakeAllDue(); // the backoff is the outbox's own test; here: retry now
                device.App.Deliver();
            }
            Assert.Equal(0, device.App.Outbox.Count);
            Assert.False(device.App.Outbox.IsFailed(entry.MessageId), fault + " moved the alert aside: " + device.App.Outbox.FailureOf(entry.MessageId));
            runs.Add((token, entry.MessageId, fault, log));
        }

        // Delivery into the Maildir is asynchronous: wait for all, then a little longer for late copies.
        var wait = Stopwatch.StartNew();
        var arrived = MailByToken(rig, "ops");
        while (runs.Any(r => !arrived.ContainsKey(r.Token)) && wait.Elapsed < RigClients.DeliveryWait)
        {
            Thread.Sleep(250);
            arrived = MailByToken(rig, "ops");
        }
        Thread.Sleep(2000);
        arrived = MailByToken(rig, "ops");
        int duplicates = 0;
        var duplicated = new List<string>();
        foreach (var r in runs)
        {
            var copies = arrived.GetValueOrDefault(r.Token) ?? [];
            Assert.True(copies.Count > 0, $"{r.Fault}: the alert never reached the ops Maildir");
            foreach (var copy in copies)
                Assert.Equal("<" + r.MessageId + ">", HeaderValue(copy, "Message-ID"));
            if (copies.Count > 1)
            {
                duplicates++;
                duplicated.Add($"{r.Fault} ({copies.Count} copies, Postfix queue ids {string.Join(", ", copies.Select(QueueId))})");
                foreach (var line in r.Log.Lines) output.WriteLine("    log: " + line);
            }
        }
        var summary = $"SMTP cut sweep: {runs.Count} cut points, {duplicates} with duplicates (same Message-ID), {sw.Elapsed.TotalSeconds:0.0} s";
        output.WriteLine(summary);
        foreach (var d in duplicated) output.WriteLine("  duplicate: " + d);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "gateway-fault-sweeps.txt"), summary + Environment.NewLine + string.Join(Environment.NewLine, duplicated.Select(d => "  duplicate: " + d)) + Environment.NewLine);
    }

    internal static async Task DrainDeviceMailbox(RigSettings rig, RigTls tls)
    {
        using var pop = new Pop3Client { ServerCertificateValidationCallback = tls.Validate, CheckCertificateRevocation = false, Timeout = RigClients.OperationTimeoutMs };
        await pop.ConnectAsync(rig.Host, rig.Pop3sPort, SecureSocketOptions.SslOnConnect);
        await pop.AuthenticateAsync(rig.DeviceUser, rig.DevicePassword);
        if (pop.Count > 0) await pop.DeleteMessagesAsync(0, pop.Count);
        await pop.DisconnectAsync(true);
    }

    /// <summary>
    /// Sends one signed command mail to the device (directly, not through the proxy) and, with
    /// <paramref name="waitForMaildir"/>, waits until it is in the device's Maildir. A device waiting in
    /// IDLE may take the mail and expunge it before a poll of the Maildir sees it: wait for its effect instead.
    /// </summary>
    internal static async Task<string> SendCommand(RigSettings rig, RigTls tls, byte[] key, bool waitForMaildir = true)
    {
        string token = "cmd-" + Guid.NewGuid().ToString("N");
        var body = "fault sweep\n\n" + CommandSigner.Sign(["relay relay1 on"], Device, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), key);
        await GatewayCommandTests.MailAsync(rig, tls, $"[{Device}] commands {token}", body);
        if (!waitForMaildir) return token;
        var wait = Stopwatch.StartNew();
        while (MailWith(rig, "device", token).Count == 0)
        {
            if (wait.Elapsed > RigClients.DeliveryWait) throw new TimeoutException($"the command mail {token} never reached the device's Maildir");
            await Task.Delay(100);
        }
        return token;
    }

    [SkippableFact]
    public async Task Pop3_session_cut_at_any_byte_runs_the_command_exactly_once()
    {
        var rig = fixture.Require();
        var key = RandomNumberGenerator.GetBytes(32);
        var sw = Stopwatch.StartNew();
        await DrainDeviceMailbox(rig, fixture.Tls);

        ProxiedConnection clean;
        using (var proxy = new FaultProxy(rig.Pop3sPort))
        {
            var device = NewDevice(rig, rig.SubmissionPort, proxy.Port, key);
            await SendCommand(rig, fixture.Tls, key);
            var report = device.App.Poll()!;
            Assert.True(report.Succeeded, report.Error?.Message);
            Assert.Equal(MailVerdict.Executed, Assert.Single(report.Outcomes).Verdict);
            Assert.Equal(1, device.Relay.Moves);
            clean = Assert.Single(proxy.Connections);
        }
        var points = CutPoints(clean);
        output.WriteLine($"clean POP3 session: {clean.ClientToServer} bytes C->S, {clean.ServerToClient} bytes S->C, {clean.Chunks.Length} chunks; {points.Count} cut points");

        var tally = new ReplyTally(output);
        for (int i = 0; i < points.Count; i++)
        {
            var (d, n) = points[i];
            var fault = FaultAt(d, n, i);
            await SendCommand(rig, fixture.Tls, key);
            using var proxy = new FaultProxy(rig.Pop3sPort, c => c == 0 ? fault : null);
            var device = NewDevice(rig, rig.SubmissionPort, proxy.Port, key);
            var verdicts = new List<MailVerdict>();
            var until = Stopwatch.StartNew();
            while (true)
            {
                Assert.True(until.Elapsed < RecoveryLimit, $"{fault}: no recovery within {RecoveryLimit.TotalSeconds} s; last error: {device.App.LastError}");
                var report = device.App.Poll()!;
                verdicts.AddRange(report.Outcomes.Select(o => o.Verdict));
                if (report.Succeeded && report.InMailbox == 0 && device.App.Outbox.Count > 0) break;
            }
            tally.Count(device, verdicts, fault);
        }
        tally.Report($"POP3 cut sweep: {points.Count} cut points", sw.Elapsed);
    }

    /// <summary>
    /// What each run of a command sweep ended in: the relay moved once and one reply, classified by that
    /// reply, not the poll's report (a cut after the command ran ends that poll with an error, and its
    /// report never lists the outcome).
    /// </summary>
    internal sealed class ReplyTally(ITestOutputHelper output)
    {
        int _executed, _executedUnreported, _replayed, _other;

        public string Extra = "";

        public void Count(Device_ device, List<MailVerdict> verdicts, Fault fault)
        {
            Assert.Equal(1, device.Relay.Moves);
            Assert.True(device.Relay.On);
            var replies = device.App.Outbox.Entries();
            Assert.Single(replies); // one reply: the command was looked at once
            Assert.All(replies, r => Assert.StartsWith("Re: [" + Device + "]", r.Subject));
            if (replies.Any(r => r.Body.Contains("replayed", StringComparison.Ordinal))) _replayed++;
            else if (replies.Any(r => r.Body.Contains("relay1 on: ok", StringComparison.Ordinal)))
            {
                _executed++;
                if (!verdicts.Contains(MailVerdict.Executed)) _executedUnreported++;
            }
            else
            {
                _other++;
                output.WriteLine($"  {fault}: replies {string.Join(" | ", replies.Select(r => r.Body.Trim()))}");
            }
        }

        /// <summary>Prints and records the summary; every run must have been executed or refused as replayed.</summary>
        public void Report(string sweep, TimeSpan took)
        {
            var summary = $"{sweep}, relay moved exactly once in all; reply 'executed' {_executed} ({_executedUnreported} of them in a poll that was cut after the command ran), 'replayed' {_replayed}, other {_other}{Extra}; {took.TotalSeconds:0.0} s";
            output.WriteLine(summary);
            File.AppendAllText(Path.Combine(Path.GetTempPath(), "gateway-fault-sweeps.txt"), summary + Environment.NewLine);
            Assert.Equal(0, _other);
        }
    }
}
