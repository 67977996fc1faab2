using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Host.Tests.Support;

namespace Gateway.Host.Tests.Doctor;

/// <summary>smtp.pin / pop3.pin as the gateway's own connector applies them, outside the doctor.</summary>
[Collection(DoctorServerCollection.Name)]
public class TlsTrustPinTests
{
    [Fact]
    public void The_connector_accepts_a_self_signed_server_whose_key_matches_the_pin()
    {
        using var cert = TestCertificates.SelfSigned("mail.example.com");
        using var server = new TestServer(c => { c.UpgradeToTls(cert); c.Send("+OK pinned\r\n"); });
        var ch = (SocketChannel)new SocketConnector(new TlsTrust(null, "sha256/" + TlsTrust.PinOf(cert))).Connect("127.0.0.1", server.Port, TlsMode.Implicit, 5000);
        Assert.Equal("pin", ch.TrustedBy);
        ch.Close();
    }

    [Fact]
    public void The_connector_refuses_a_server_whose_key_differs_from_the_pin()
    {
        using var cert = TestCertificates.SelfSigned("mail.example.com");
        using var other = TestCertificates.SelfSigned("mail.example.com");
        using var server = new TestServer(c => c.UpgradeToTls(cert));
        var ex = Assert.Throws<ChannelException>(() =>
            new SocketConnector(new TlsTrust(TestCertificates.WritePem(cert), TlsTrust.PinOf(other))).Connect("127.0.0.1", server.Port, TlsMode.Implicit, 5000));
        Assert.Equal(ChannelError.CertificateRejected, ex.Error);
        Assert.Contains("does not match the pin", ex.Message);
    }

    [Fact]
    public void A_pin_does_not_forgive_a_name_mismatch()
    {
        using var cert = TestCertificates.SelfSigned("other.example.net", includeLoopbackIp: false);
        using var server = new TestServer(c => c.UpgradeToTls(cert));
        var ex = Assert.Throws<ChannelException>(() =>
            new SocketConnector(new TlsTrust(null, TlsTrust.PinOf(cert))).Connect("127.0.0.1", server.Port, TlsMode.Implicit, 5000));
        Assert.Contains("not for the host that was dialled", ex.Message);
    }
}
