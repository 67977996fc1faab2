using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Interop.Tests.Rig;

namespace Gateway.Interop.Tests.Faults;

/// <summary>
/// The proxy's other faults, one SMTP delivery each through the rig's submission port: a stall (the
/// configured timeout ends it, the next attempt delivers), a slow link (delivered, only later), a
/// truncated stream (the server sees the end, the next attempt delivers).
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class FaultProxyTests(MailRigFixture fixture)
{
    static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    static void AssertArrivesOnce(RigSettings rig, string token, string messageId)
    {
        var sw = Stopwatch.StartNew();
        List<string> copies;
        while ((copies = CutSweepTests.MailWith(rig, "ops", token)).Count == 0 && sw.Elapsed < RigClients.DeliveryWait)
            Thread.Sleep(100);
        var copy = Assert.Single(copies);
        Assert.Equal("<" + messageId + ">", CutSweepTests.HeaderValue(copy, "Message-ID"));
    }

    [SkippableTheory]
    [InlineData(0)]     // the greeting never comes
    [InlineData(2000)]  // inside TLS, before AUTH's answer
    public void A_stalled_connection_fails_within_the_timeout_and_the_next_attempt_delivers(long afterBytes)
    {
        var rig = fixture.Require();
        using var proxy = new FaultProxy(rig.SubmissionPort, c => c == 0 ? new Fault(FaultAction.Stall, FaultDirection.ServerToClient, afterBytes) : null);
        var device = CutSweepTests.NewDevice(rig, proxy.Port, rig.Pop3sPort, Key, timeout: "1s");
        string token = "stall-" + Guid.NewGuid().ToString("N");
        var entry = device.App.QueueAlert("fault " + token, "stalled first");

        var sw = Stopwatch.StartNew();
        var first = device.App.Deliver();
        sw.Stop();
        Assert.NotNull(first.Error);
        Assert.Contains("timed out", first.Error!.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(4), $"took {sw.Elapsed} with a 1 s timeout");
        Assert.Equal(1, device.App.Outbox.Count);

        device.App.Outbox.MakeAllDue();
        var second = device.App.Deliver();
        Assert.True(second.Error == null, second.Error?.Message);
        Assert.Equal(1, second.Sent);
        AssertArrivesOnce(rig, token, entry.MessageId);
    }

    [SkippableFact]
    public void A_slow_link_delivers_only_later()
    {
        var rig = fixture.Require();
        using var proxy = new FaultProxy(rig.SubmissionPort, _ => new Fault(FaultAction.Delay, FaultDirection.ServerToClient, 0, TimeSpan.FromMilliseconds(100)));
        var device = CutSweepTests.NewDevice(rig, proxy.Port, rig.Pop3sPort, Key);
        string token = "delay-" + Guid.NewGuid().ToString("N");
        var entry = device.App.QueueAlert("fault " + token, "over a slow link");

        var sw = Stopwatch.StartNew();
        var report = device.App.Deliver();
        sw.Stop();

        Assert.True(report.Error == null, report.Error?.Message);
        Assert.Equal(1, report.Sent);
        // The client waits for at least six of the server's flights (greeting, EHLO, STARTTLS, the TLS
        // handshake, AUTH, the replies to the envelope and BDAT), each 100 ms late; not for the 221 to QUIT.
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(600), $"took {sw.Elapsed}: the delay was not applied");
        AssertArrivesOnce(rig, token, entry.MessageId);
    }

    [SkippableFact]
    public void A_truncated_stream_fails_the_attempt_and_the_next_attempt_delivers_once()
    {
        var rig = fixture.Require();
        using var proxy = new FaultProxy(rig.SubmissionPort, c => c == 0 ? new Fault(FaultAction.Truncate, FaultDirection.ClientToServer, 400) : null);
        var device = CutSweepTests.NewDevice(rig, proxy.Port, rig.Pop3sPort, Key);
        string token = "truncate-" + Guid.NewGuid().ToString("N");
        var entry = device.App.QueueAlert("fault " + token, "truncated first");

        var first = device.App.Deliver();
        Assert.NotNull(first.Error);
        Assert.Equal(FaultAction.Truncate, proxy.Connections[0].Fired?.Action);
        Assert.Equal(400, proxy.Connections[0].ClientToServer);

        device.App.Outbox.MakeAllDue();
        var second = device.App.Deliver();
        Assert.True(second.Error == null, second.Error?.Message);
        AssertArrivesOnce(rig, token, entry.MessageId);
    }
}
