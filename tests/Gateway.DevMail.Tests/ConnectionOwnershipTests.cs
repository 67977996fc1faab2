using System.Runtime;
using Gateway.Core.Net;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;
using Gateway.Host.Net;
using Gateway.Tests.Support;

namespace Gateway.DevMail.Tests;

/// <summary>Runs alone, after the other tests: it counts the whole process's open sockets and files.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

/// <summary>
/// A mailbox left running on a laptop must give back each session's socket and TLS stream when the session
/// ends, not when a GC happens to run finalizers. Hundreds of sessions from the gateway's own clients (SMTP
/// with STARTTLS and a message, POP3 over implicit TLS and with STLS, handshakes the client refuses), inside
/// a no-GC region: after each, the mailbox holds no connection and no TLS stream, and the process's open
/// sockets and files are those it had before. The server ends a session on its own task after the client's
/// QUIT, so each check first waits (bounded) for the count to reach zero; nothing is timed.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ConnectionOwnershipTests
{
    const int Cycles = 200;
    const int OtherEvery = 10;           // POP3 with STLS, SMTP over implicit TLS and refused handshakes now and then
    const long NoGcBudget = 200L << 20;  // far above what the cycles allocate, server and client together
    static readonly TimeSpan SessionEnd = TimeSpan.FromSeconds(10);

    static SmtpClient Smtp(TestMailbox box, SocketConnector connector, bool implicitTls = false) => new(connector, new SmtpOptions
    {
        Host = "localhost", Port = implicitTls ? box.Server.SmtpsPort!.Value : box.Server.SmtpPort,
        Tls = implicitTls ? TlsMode.Implicit : TlsMode.StartTls,
        User = TestMailbox.Device, Password = TestMailbox.DevicePassword, HeloName = "device.gateway.local", TimeoutMs = 15_000,
    });

    static Pop3Client Pop3(TestMailbox box, SocketConnector connector, bool implicitTls) => new(connector, new Pop3Options
    {
        Host = "localhost", Port = implicitTls ? box.Server.Pop3sPort!.Value : box.Server.Pop3Port,
        Tls = implicitTls ? TlsMode.Implicit : TlsMode.StartTls,
        User = TestMailbox.Ops, Password = TestMailbox.OpsPassword, TimeoutMs = 15_000,
    });

    static void Cycle(TestMailbox box, SocketConnector trusting, SocketConnector untrusting, int i)
    {
        var smtp = Smtp(box, trusting);
        smtp.Connect();
        OwnershipMail.Send(smtp, TestMailbox.Device, TestMailbox.Ops, i);
        smtp.Quit();

        var pop3 = Pop3(box, trusting, implicitTls: true);
        pop3.Connect();
        foreach (var entry in pop3.ListUids(100))
            pop3.Delete(entry.Number); // keeps the mailbox small
        Assert.True(pop3.Quit(), "QUIT was not acknowledged");

        if (i % OtherEvery == 0)
        {
            var stls = Pop3(box, trusting, implicitTls: false);
            stls.Connect();
            Assert.True(stls.IsEncrypted);
            stls.Quit();
            var smtps = Smtp(box, trusting, implicitTls: true);
            smtps.Connect();
            smtps.Quit();
            Assert.ThrowsAny<Exception>(() => Smtp(box, untrusting).Connect());
            Assert.ThrowsAny<Exception>(() => Pop3(box, untrusting, implicitTls: true).Connect());
        }
    }

    static void AssertGivenBack(TestMailbox box, Dictionary<string, string> baseline, int cycle)
    {
        var counts = box.Server.Connections;
        SpinWait.SpinUntil(() => counts.Connections == 0 && counts.TlsStreams == 0, SessionEnd);
        Assert.True(counts.Connections == 0 && counts.TlsStreams == 0,
            $"after cycle {cycle} the mailbox still holds {counts} ({SessionEnd.TotalSeconds} s after the clients left)");
        var added = OpenDescriptors.Added(baseline);
        Assert.True(added.Length == 0, $"after cycle {cycle} these sockets or files are open that were not before the cycles: {added}");
    }

    [Fact]
    public async Task HundredsOfSessions_LeaveNoConnectionTlsStreamSocketOrFileBehind()
    {
        await using var box = await TestMailbox.StartAsync(configure: o => o.SmtpsPort = 0);
        var trusting = new SocketConnector(new TlsTrust(box.Server.CaPemPath));
        var untrusting = new SocketConnector(new TlsTrust()); // the mailbox's own CA is in no system store
        Cycle(box, trusting, untrusting, 0); // the first sessions load what the runtime keeps for the process
        SpinWait.SpinUntil(() => box.Server.Connections.Connections == 0, SessionEnd);
        var baseline = OpenDescriptors.Now();

        Assert.True(GC.TryStartNoGCRegion(NoGcBudget), "the runtime refused a no-GC region");
        try
        {
            for (int i = 1; i <= Cycles; i++)
            {
                Cycle(box, trusting, untrusting, i);
                AssertGivenBack(box, baseline, i);
                Assert.True(trusting.Owned.IsEmpty && untrusting.Owned.IsEmpty, $"after cycle {i} the clients hold {trusting.Owned} and {untrusting.Owned}");
            }
            // Nothing above was closed by a finalizer: no GC ran.
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
    }
}
