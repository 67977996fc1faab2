using System.Runtime;
using Gateway.Core.Net;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;
using Gateway.Host.Net;
using Gateway.Interop.Tests.Rig;
using Gateway.Tests.Support;

namespace Gateway.Interop.Tests;

/// <summary>
/// A gateway that polls every second for months must give back every socket, stream and certificate
/// of a session when the session ends, not when a GC happens to run finalizers. Hundreds of polls and
/// SMTP sessions against the real rig, inside a no-GC region (so no finalizer can tidy up for the code):
/// after each cycle the process's open file descriptors are back at their baseline and the connectors'
/// channels hold no channel and no certificate. No timing is measured; the counts are exact.
/// </summary>
[Collection(MailRigCollection.Name)]
public sealed class ConnectionOwnershipTests(MailRigFixture fixture)
{
    const int Cycles = 200;
    const int SendEvery = 20;            // a real message now and then; the other sessions end after AUTH
    const int RefusedEvery = 10;         // and a handshake whose certificate is refused
    const long NoGcBudget = 200L << 20;  // far above what the cycles allocate (~40 KB each)

    sealed class Connectors
    {
        public Connectors(RigSettings rig)
        {
            Trust = new TlsTrust(rig.CaPath); // one trust for every connector, as the gateway shares one per protocol
            Pop3 = new SocketConnector(Trust);
            Smtp = new SocketConnector(Trust);
            Doctor = new SocketConnector(Trust) { KeepPeerCertificates = true };
        }

        public TlsTrust Trust { get; }
        public SocketConnector Pop3 { get; }
        public SocketConnector Smtp { get; }
        public SocketConnector Untrusting { get; } = new(new TlsTrust()); // the rig's CA is not in the system store
        public SocketConnector Doctor { get; }
        public SocketConnector[] All => [Pop3, Smtp, Untrusting, Doctor];
    }

    static void Cycle(RigSettings rig, Connectors c, int i)
    {
        var pop3 = new Pop3Client(c.Pop3, new Pop3Options
        {
            Host = rig.Host, Port = rig.Pop3sPort, Tls = TlsMode.Implicit,
            User = rig.DeviceUser, Password = rig.DevicePassword, TimeoutMs = 15_000,
        });
        pop3.Connect();
        pop3.ListUids(1000);
        Assert.True(pop3.Quit(), "QUIT was not acknowledged");

        var smtp = new SmtpClient(c.Smtp, new SmtpOptions
        {
            Host = rig.Host, Port = rig.SubmissionPort, Tls = TlsMode.StartTls,
            User = rig.DeviceUser, Password = rig.DevicePassword, HeloName = "ownership.gateway.test", TimeoutMs = 15_000,
        });
        smtp.Connect();
        if (i % SendEvery == 0)
        {
            OwnershipMail.Send(smtp, rig.DeviceUser, rig.OpsUser, i);
        }
        smtp.Quit();

        if (i % RefusedEvery == 0)
        {
            var refused = Assert.Throws<ChannelException>(() => c.Untrusting.Connect(rig.Host, rig.Pop3sPort, TlsMode.Implicit, 15_000));
            Assert.Equal(ChannelError.CertificateRejected, refused.Error);

            // The doctor's channel keeps copies of the certificate and chain until the doctor releases them
            // (after Close: a client closes the channel on a refused handshake, and the doctor still prints them).
            var doctor = (SocketChannel)c.Doctor.Connect(rig.Host, rig.Pop3sPort, TlsMode.Implicit, 15_000);
            Assert.NotNull(doctor.PeerCertificate);
            Assert.True(c.Doctor.Owned.Certificates >= 2, "the doctor's channel holds its copy and the server's certificate");
            Assert.Equal(1, c.Doctor.Owned.Sockets);
            Assert.Equal(1, c.Doctor.Owned.TlsStreams);
            doctor.Close();
            doctor.ReleasePeerCertificates();
        }
    }

    [SkippableFact]
    public void HundredsOfPollsAndSends_LeaveDescriptorsAndOwnedObjectsAtTheirBaseline()
    {
        var rig = fixture.Require();
        var c = new Connectors(rig);
        Cycle(rig, c, 0); // the first session loads what the runtime keeps for the process (OpenSSL, the thread pool)
        var baseline = OpenDescriptors.Now();

        Assert.True(GC.TryStartNoGCRegion(NoGcBudget), "the runtime refused a no-GC region");
        try
        {
            for (int i = 1; i <= Cycles; i++)
            {
                Cycle(rig, c, i);
                foreach (var connector in c.All)
                {
                    Assert.True(connector.Owned.IsEmpty, $"after cycle {i} a connector's channels still hold {connector.Owned}");
                }
                Assert.True(c.Trust.Owned.IsEmpty, $"after cycle {i} the trust still holds {c.Trust.Owned}");
                var added = OpenDescriptors.Added(baseline);
                Assert.True(added.Length == 0, $"after cycle {i} these sockets or files are open that were not before the cycles: {added}");
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
