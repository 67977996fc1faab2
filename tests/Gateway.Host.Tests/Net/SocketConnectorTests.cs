using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Host.Tests.Support;

namespace Gateway.Host.Tests.Net;

public class SocketConnectorTests
{
    const int Timeout = 5000;

    static string Line(IChannel ch) => new LineReader(ch, 256).ReadLineText()!;

    static void Send(IChannel ch, string line)
    {
        var w = new LineWriter(ch, 256);
        w.WriteLine(line);
        w.Flush();
    }

    [Fact]
    public void Data_after_a_wait_longer_than_the_timeout_is_read_not_judged_late()
    {
        // IMAP IDLE: the command went out, then minutes of quiet, then the server's EXISTS. The answer
        // deadline started with the command; the EXISTS gets a whole timeout of its own.
        using var release = new ManualResetEventSlim();
        using var server = new TestServer(c =>
        {
            c.ReadLine();
            c.Send("+ idling\r\n");
            release.Wait(TimeSpan.FromSeconds(10));
            c.Send("* 1 EXISTS\r\n");
        });
        var ch = new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.None, 300);
        var reader = new LineReader(ch, 256);
        Send(ch, "A1 IDLE");
        Assert.Equal("+ idling", reader.ReadLineText());
        var waitable = (IWaitableChannel)ch;
        Assert.False(waitable.WaitForData(500), "quiet for longer than the 300 ms timeout");
        release.Set();
        Assert.True(waitable.WaitForData(5000));
        Assert.Equal("* 1 EXISTS", reader.ReadLineText());
        ch.Close();
    }

    [Fact]
    public void Plain_connection_reads_and_writes()
    {
        using var server = new TestServer(c =>
        {
            c.Send("220 hello\r\n");
            c.Send("echo " + c.ReadLine() + "\r\n");
        });
        var ch = new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.None, Timeout);
        var reader = new LineReader(ch, 256);
        Assert.Equal("220 hello", reader.ReadLineText());
        Send(ch, "ping");
        Assert.Equal("echo ping", reader.ReadLineText());
        Assert.False(ch.IsEncrypted);
        ch.Close();
    }

    [Fact]
    public void Implicit_tls_with_the_configured_ca_completes_a_real_handshake()
    {
        using var cert = TestCertificates.SelfSigned("mail.gateway.test");
        var ca = TestCertificates.WritePem(cert);
        using var server = new TestServer(c =>
        {
            c.UpgradeToTls(cert);
            c.Send("+OK over tls\r\n");
        });
        var ch = (SocketChannel)new SocketConnector(new TlsTrust(ca)).Connect("127.0.0.1", server.Port, TlsMode.Implicit, Timeout);
        Assert.True(ch.IsEncrypted);
        Assert.Contains("Tls", ch.TlsDescription);
        Assert.Equal("+OK over tls", Line(ch));
        ch.Close();
    }

    [Fact]
    public void StartTls_upgrades_the_same_connection()
    {
        using var cert = TestCertificates.SelfSigned("localhost");
        var ca = TestCertificates.WritePem(cert);
        using var server = new TestServer(c =>
        {
            c.Send("220 ready\r\n");
            if (c.ReadLine() != "STARTTLS") return;
            c.Send("220 go ahead\r\n");
            c.UpgradeToTls(cert);
            c.Send("250 secret " + c.ReadLine() + "\r\n");
        });
        var ch = new SocketConnector(new TlsTrust(ca)).Connect("localhost", server.Port, TlsMode.StartTls, Timeout);
        var reader = new LineReader(ch, 256);
        Assert.Equal("220 ready", reader.ReadLineText());
        Assert.False(ch.IsEncrypted);
        Send(ch, "STARTTLS");
        Assert.Equal("220 go ahead", reader.ReadLineText());
        ch.StartTls("localhost");
        Assert.True(ch.IsEncrypted);
        Send(ch, "EHLO");
        Assert.Equal("250 secret EHLO", reader.ReadLineText());
        ch.Close();
    }

    [Fact]
    public void A_self_signed_certificate_without_the_ca_is_rejected_with_the_reason()
    {
        using var cert = TestCertificates.SelfSigned("mail.gateway.test");
        using var server = new TestServer(c => c.UpgradeToTls(cert));
        var ex = Assert.Throws<ChannelException>(() =>
            new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.Implicit, Timeout));
        Assert.Equal(ChannelError.CertificateRejected, ex.Error);
        Assert.Contains("not trusted by the system store", ex.Message);
        Assert.Contains("CA file", ex.Message);
    }

    [Fact]
    public void A_certificate_for_another_host_is_rejected_even_with_its_ca()
    {
        using var cert = TestCertificates.SelfSigned("other.example", includeLoopbackIp: false);
        var ca = TestCertificates.WritePem(cert);
        using var server = new TestServer(c => c.UpgradeToTls(cert));
        var ex = Assert.Throws<ChannelException>(() =>
            new SocketConnector(new TlsTrust(ca)).Connect("127.0.0.1", server.Port, TlsMode.Implicit, Timeout));
        Assert.Equal(ChannelError.CertificateRejected, ex.Error);
        Assert.Contains("is for other.example", ex.Message);
    }

    [Fact]
    public void An_expired_certificate_is_rejected_even_with_its_ca()
    {
        using var cert = TestCertificates.SelfSigned("localhost", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var ca = TestCertificates.WritePem(cert);
        using var server = new TestServer(c => c.UpgradeToTls(cert));
        var ex = Assert.Throws<ChannelException>(() =>
            new SocketConnector(new TlsTrust(ca)).Connect("localhost", server.Port, TlsMode.Implicit, Timeout));
        Assert.Equal(ChannelError.CertificateRejected, ex.Error);
        Assert.Contains("NotTimeValid", ex.Message);
    }

    [Fact]
    public void A_closed_port_is_connect_failed()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var ex = Assert.Throws<ChannelException>(() => new SocketConnector().Connect("127.0.0.1", port, TlsMode.None, Timeout));
        Assert.Equal(ChannelError.ConnectFailed, ex.Error);
        Assert.Contains("127.0.0.1:" + port, ex.Message);
    }

    [Fact]
    public void A_connect_nobody_takes_times_out_within_the_limit()
    {
        // A listener whose accept queue is full: Linux drops the next SYN, so the connect gets no answer.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(0);
        int port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        var queued = new List<System.Net.Sockets.Socket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { Blocking = false };
                try { s.Connect(System.Net.IPAddress.Loopback, port); } catch (System.Net.Sockets.SocketException) { }
                queued.Add(s);
            }
            Thread.Sleep(100);
            var sw = Stopwatch.StartNew();
            var ex = Assert.Throws<ChannelException>(() => new SocketConnector().Connect("127.0.0.1", port, TlsMode.None, 1000));
            Assert.Equal(ChannelError.Timeout, ex.Error);
            Assert.Contains("within 1000 ms", ex.Message);
            Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(8));
        }
        finally
        {
            foreach (var s in queued) s.Dispose();
        }
    }

    [Fact]
    public void A_silent_server_times_out_a_read_within_the_limit()
    {
        using var server = new TestServer(c => c.StaySilent());
        // 1.5 s: long enough for a loopback connect on a loaded machine, short next to the bound below.
        var ch = new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.None, 1500);
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<ChannelException>(() => ch.Read(new byte[16], 0, 16));
        Assert.Equal(ChannelError.Timeout, ex.Error);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(8), $"took {sw.Elapsed}");
        ch.Close();
    }

    [Fact]
    public void A_long_answer_that_keeps_coming_outlasts_the_timeout_without_being_cut_off()
    {
        // 48 KB in 4 KB pieces every 250 ms: 3 s in all against a 1 s timeout, but steady progress.
        using var server = new TestServer(c =>
        {
            for (int i = 0; i < 12; i++)
            {
                c.Send(new string('x', Gateway.Core.Net.AnswerDeadline.ProgressBytes));
                Thread.Sleep(250);
            }
        });
        var ch = new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.None, 1000);
        var buffer = new byte[8192];
        long total = 0;
        var sw = Stopwatch.StartNew();
        while (total < 12 * Gateway.Core.Net.AnswerDeadline.ProgressBytes)
        {
            int n = ch.Read(buffer, 0, buffer.Length);
            Assert.True(n > 0);
            total += n;
        }
        Assert.True(sw.Elapsed > TimeSpan.FromSeconds(1.5), $"took {sw.Elapsed}: not longer than the 1 s timeout, so it proves nothing");
        ch.Close();
    }

    [Fact]
    public void A_server_that_never_answers_the_tls_handshake_times_out()
    {
        using var server = new TestServer(c => c.StaySilent());
        var ex = Assert.Throws<ChannelException>(() =>
            new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.Implicit, 1500));
        Assert.Equal(ChannelError.Timeout, ex.Error);
    }

    [Fact]
    public void A_server_that_hangs_up_is_connection_lost_or_end_of_stream()
    {
        using var server = new TestServer(c => { });
        var ch = new SocketConnector().Connect("127.0.0.1", server.Port, TlsMode.None, Timeout);
        server.Dispose();
        int n;
        try { n = ch.Read(new byte[16], 0, 16); }
        catch (ChannelException e) { Assert.Equal(ChannelError.ConnectionLost, e.Error); return; }
        Assert.Equal(0, n);
    }

    [Fact]
    public void A_ca_file_without_certificates_is_refused_naming_the_file()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "not a certificate");
        var ex = Assert.Throws<ArgumentException>(() => new TlsTrust(path));
        Assert.Contains(path, ex.Message);
    }
}
