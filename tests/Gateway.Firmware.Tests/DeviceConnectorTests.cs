using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Net;
using Gateway.Firmware.Net;
using nanoFramework.TestFramework;

namespace Gateway.Firmware.Tests;

[TestClass]
public class DeviceConnectorTests
{
    static DeviceConnector Trusting() => new DeviceConnector(new X509Certificate(TestSettings.CaPem), null);

    static void RequireServer()
    {
        if (TestSettings.TlsHost.Length == 0 || TestSettings.CaPem.Length == 0)
            Assert.SkipTest("TestSettings.TlsHost and CaPem are not set");
    }

    [TestMethod]
    public void Unknown_host_is_reported_as_host_not_found()
    {
        try
        {
            new DeviceConnector(null, null).Connect("no-such-host.invalid", 995, TlsMode.Implicit, 10000);
            Assert.IsTrue(false, "connected to a name that does not exist");
        }
        catch (ChannelException e)
        {
            Assert.AreEqual((int)ChannelError.HostNotFound, (int)e.Error);
        }
    }

    [TestMethod]
    public void Implicit_tls_connects_and_reads_the_pop3_greeting()
    {
        RequireServer();
        var channel = Trusting().Connect(TestSettings.TlsHost, TestSettings.ImplicitPort, TlsMode.Implicit, 20000);
        try
        {
            Assert.IsTrue(channel.IsEncrypted);
            var buffer = new byte[128];
            int n = channel.Read(buffer, 0, buffer.Length);
            Assert.IsTrue(n >= 3 && buffer[0] == (byte)'+' && buffer[1] == (byte)'O' && buffer[2] == (byte)'K');
        }
        finally
        {
            channel.Close();
        }
    }

    [TestMethod]
    public void Stls_upgrades_the_same_connection()
    {
        RequireServer();
        var channel = Trusting().Connect(TestSettings.TlsHost, TestSettings.StartTlsPort, TlsMode.StartTls, 20000);
        try
        {
            var buffer = new byte[256];
            channel.Read(buffer, 0, buffer.Length); // +OK greeting
            var stls = new byte[] { (byte)'S', (byte)'T', (byte)'L', (byte)'S', 13, 10 };
            channel.Write(stls, 0, stls.Length);
            int n = channel.Read(buffer, 0, buffer.Length);
            Assert.IsTrue(n >= 3 && buffer[0] == (byte)'+');
            channel.StartTls(TestSettings.TlsServerName);
            Assert.IsTrue(channel.IsEncrypted);
            var capa = new byte[] { (byte)'C', (byte)'A', (byte)'P', (byte)'A', 13, 10 };
            channel.Write(capa, 0, capa.Length);
            n = channel.Read(buffer, 0, buffer.Length);
            Assert.IsTrue(n >= 3 && buffer[0] == (byte)'+');
        }
        finally
        {
            channel.Close();
        }
    }

    [TestMethod]
    public void Certificate_from_another_ca_fails_the_handshake()
    {
        RequireServer();
        // No CA: the device store is empty, so the rig's certificate cannot be trusted.
        try
        {
            new DeviceConnector(null, null).Connect(TestSettings.TlsHost, TestSettings.ImplicitPort, TlsMode.Implicit, 20000).Close();
            Assert.IsTrue(false, "an untrusted certificate was accepted");
        }
        catch (ChannelException e)
        {
            Assert.AreEqual((int)ChannelError.TlsFailed, (int)e.Error);
        }
    }

    [TestMethod]
    public void Closed_port_is_reported_as_connect_failed()
    {
        RequireServer();
        try
        {
            new DeviceConnector(null, null).Connect(TestSettings.TlsHost, 9, TlsMode.None, 10000);
            Assert.IsTrue(false, "connected to a closed port");
        }
        catch (ChannelException e)
        {
            Assert.AreEqual((int)ChannelError.ConnectFailed, (int)e.Error);
        }
    }

    [TestMethod]
    public void A_configured_pin_is_refused_before_any_connection_since_it_cannot_be_checked()
    {
        try
        {
            new DeviceConnector(null, "smtp.pin").Connect("no-such-host.invalid", 465, TlsMode.Implicit, 10000);
            Assert.IsTrue(false, "connected although the pin cannot be checked");
        }
        catch (ChannelException e)
        {
            Assert.AreEqual((int)ChannelError.CertificateRejected, (int)e.Error);
            Assert.IsTrue(e.Message.IndexOf("smtp.ca") >= 0, e.Message);
        }
    }
}
