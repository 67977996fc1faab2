using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.App.Commands;
using Gateway.Core.Platform;
using Gateway.Interop.Tests.Rig;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests.Faults;

/// <summary>
/// The POP3 sweep's IMAP twin: the first IMAP session of a device (STARTTLS on the rig's Dovecot,
/// through <see cref="FaultProxy"/>) that runs one signed command, cut at byte N in either direction,
/// for N over the whole session (GATEWAY_FAULT_STRIDE, else about 64 cut points), then the device left
/// to recover by itself: the relay moves exactly once at every cut, never twice, and the reply is
/// sent. The reconnect backoff is skipped by moving the device's clock (its own test: ImapPollerTests).
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class ImapCutSweepTests(MailRigFixture fixture, ITestOutputHelper output)
{
    static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(20);

    /// <summary>The system clock, moved ahead by the test past each reconnect backoff.</summary>
    sealed class SkippingClock : IClock
    {
        public TimeSpan Ahead;
        public DateTime UtcNow => DateTime.UtcNow + Ahead;
    }

    [SkippableFact]
    public async Task Imap_session_cut_at_any_byte_runs_the_command_exactly_once()
    {
        var rig = fixture.Require();
        var key = RandomNumberGenerator.GetBytes(32);
        var sw = Stopwatch.StartNew();
        await CutSweepTests.DrainDeviceMailbox(rig, fixture.Tls);

        ProxiedConnection clean;
        using (var proxy = new FaultProxy(rig.ImapPort))
        {
            var device = CutSweepTests.NewDevice(rig, rig.SubmissionPort, proxy.Port, key, imap: true);
            await CutSweepTests.SendCommand(rig, fixture.Tls, key);
            var report = device.App.Poll()!;
            Assert.True(report.Succeeded, report.Error?.Message);
            Assert.Single(report.Outcomes, o => o.Verdict == MailVerdict.Executed); // a stray mail of another test is skipped
            Assert.Equal(1, device.Relay.Moves);
            clean = Assert.Single(proxy.Connections);
        }
        var points = CutSweepTests.CutPoints(clean);
        output.WriteLine($"clean IMAP session: {clean.ClientToServer} bytes C->S, {clean.ServerToClient} bytes S->C, {clean.Chunks.Length} chunks; {points.Count} cut points");

        var tally = new CutSweepTests.ReplyTally(output);
        int reconnects = 0;
        for (int i = 0; i < points.Count; i++)
        {
            var (d, n) = points[i];
            var fault = CutSweepTests.FaultAt(d, n, i);
            await CutSweepTests.SendCommand(rig, fixture.Tls, key);
            using var proxy = new FaultProxy(rig.ImapPort, c => c == 0 ? fault : null);
            var clock = new SkippingClock();
            var log = new CutSweepTests.RunLog();
            var device = CutSweepTests.NewDevice(rig, rig.SubmissionPort, proxy.Port, key, log, imap: true, clock: clock);
            var verdicts = new List<MailVerdict>();
            var until = Stopwatch.StartNew();
            int failures = 0;
            while (true)
            {
                Assert.True(until.Elapsed < RecoveryLimit, $"{fault}: no recovery within {RecoveryLimit.TotalSeconds} s; last error: {device.App.LastError}\n{string.Join("\n", log.Lines)}");
                var report = device.App.Poll()!;
                verdicts.AddRange(report.Outcomes.Select(o => o.Verdict));
                if (report.Succeeded && report.InMailbox == 0 && device.App.Outbox.Count > 0) break;
                if (!report.Succeeded)
                {
                    // Past the backoff (2 s doubling, +20% at most) the way a device's time passes.
                    clock.Ahead += TimeSpan.FromSeconds(2.4 * (1 << Math.Min(failures, 8)));
                    failures++;
                }
            }
            reconnects += proxy.Connections.Length - 1;
            tally.Count(device, verdicts, fault);
            var delivery = device.App.Deliver(); // the reply goes out through the rig's Postfix
            Assert.True(delivery.Sent == 1, $"{fault}: the reply was not sent: {delivery.Error?.Message}");
            // A session opened again was ended by the cut, and the log says so and why.
            if (proxy.Connections.Length > 1)
                Assert.Contains(log.Lines, l => l.Contains("IMAP session ended: ", StringComparison.Ordinal) && l.Contains("reconnecting in", StringComparison.Ordinal));
        }
        tally.Extra = $"; {reconnects} reconnects";
        tally.Report($"IMAP cut sweep: {points.Count} cut points", sw.Elapsed);
    }
}
