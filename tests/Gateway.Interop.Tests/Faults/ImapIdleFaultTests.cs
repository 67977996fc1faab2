using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.App;
using Gateway.Core.Platform;
using Gateway.Interop.Tests.Rig;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests.Faults;

/// <summary>
/// A device waiting in IMAP IDLE on the rig's Dovecot (STARTTLS, through <see cref="FaultProxy"/>),
/// run by the loop `gateway run` uses, when its quiet connection is cut (FIN), reset (RST), goes
/// half-open (the proxy stops forwarding without closing) or stalls (everything arrives later than
/// imap.timeout): the device notices within one keep-alive period plus the DONE's timeout (at once
/// for a cut or a reset), the log says why, it opens the session again after its backoff, and a
/// command mailed afterwards runs once.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class ImapIdleFaultTests(MailRigFixture fixture, ITestOutputHelper output)
{
    static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(10); // imap.keepalive of CutSweepTests.NewDevice's IMAP device
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);
    static readonly TimeSpan BackoffMax = TimeSpan.FromSeconds(2.4);

    /// <summary>The run loop of `gateway run` (tools/Gateway.Host/Commands/RunCommand.cs) on its own thread.</summary>
    static Thread RunLoop(GatewayApp app, ManualResetEventSlim stop)
    {
        var thread = new Thread(() =>
        {
            while (!stop.IsSet)
            {
                app.Tick();
                var wait = app.NextWakeUtc - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero) continue;
                var slice = wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
                if (!app.WaitForCommands(DateTime.UtcNow + slice))
                    stop.Wait(wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1));
            }
        }) { IsBackground = true, Name = "device loop" };
        thread.Start();
        return thread;
    }

    static TimeSpan WaitFor(Func<bool> condition, TimeSpan limit, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > limit) throw new TimeoutException($"{what}: not within {limit.TotalSeconds} s");
            Thread.Sleep(20);
        }
        return sw.Elapsed;
    }

    static bool Logged(CutSweepTests.RunLog log, string text, int skip = 0)
    {
        lock (log.Lines) return log.Lines.Skip(skip).Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(FaultAction.Close, "cut")]
    [InlineData(FaultAction.Reset, "reset")]
    [InlineData(FaultAction.Stall, "half-open")]
    [InlineData(FaultAction.Delay, "stalled")]
    public async Task An_idle_connection_that_fails_is_noticed_within_one_keep_alive_and_recovered(FaultAction action, string name)
    {
        var rig = fixture.Require();
        var key = RandomNumberGenerator.GetBytes(32);
        await CutSweepTests.DrainDeviceMailbox(rig, fixture.Tls);
        using var proxy = new FaultProxy(rig.ImapPort);
        var log = new CutSweepTests.RunLog();
        var device = CutSweepTests.NewDevice(rig, rig.SubmissionPort, proxy.Port, key, log, timeout: "2s", imap: true);
        using var stop = new ManualResetEventSlim();
        var loop = RunLoop(device.App, stop);
        try
        {
            WaitFor(() => Logged(log, "waiting with IDLE"), TimeSpan.FromSeconds(15), "the first session");
            Thread.Sleep(1000); // the loop is in IDLE now
            int before;
            lock (log.Lines) before = log.Lines.Count;

            proxy.FireNow(0, action, TimeSpan.FromSeconds(5)); // a delay longer than imap.timeout
            var noticed = WaitFor(() => Logged(log, "IMAP session ended: ", before), KeepAlive + Timeout + Slack, $"{name}: the dead IDLE noticed");
            string why;
            lock (log.Lines) why = log.Lines.Skip(before).First(l => l.Contains("IMAP session ended: ", StringComparison.Ordinal));
            var recovered = WaitFor(() => proxy.Connections.Length >= 2 && Logged(log, "waiting with IDLE", before), BackoffMax + Timeout + Slack + Slack, $"{name}: the session opened again");
            output.WriteLine($"{name}: noticed after {noticed.TotalSeconds:0.0} s ({why}); open again {recovered.TotalSeconds:0.0} s later");
            if (action is FaultAction.Close or FaultAction.Reset)
                Assert.True(noticed < TimeSpan.FromSeconds(2), $"{name}: a closed connection shows at once in IDLE, not at the keep-alive ({noticed.TotalSeconds:0.0} s)");
            Assert.Contains("reconnecting in", why);

            // Working again: a command mailed now runs once, pushed by the new IDLE.
            await CutSweepTests.SendCommand(rig, fixture.Tls, key, waitForMaildir: false); // IDLE takes it at once
            WaitFor(() => device.Relay.Moves > 0, RigClients.DeliveryWait + TimeSpan.FromSeconds(10), $"{name}: the command after recovery");
            Thread.Sleep(500);
            Assert.Equal(1, device.Relay.Moves);
        }
        finally
        {
            stop.Set();
            loop.Join(TimeSpan.FromSeconds(15));
            lock (log.Lines) foreach (var l in log.Lines) output.WriteLine("  log: " + l);
        }
    }
}
