using System.Diagnostics;
using System.Net;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Host.Net;
using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;
using MailKit.Security;
using MimeKit;

namespace Gateway.Bench;

/// <summary>
/// One alert, the same message and the same Postfix, sent by the gateway's SmtpClient and by
/// MailKit's in the same run: round trips and time through a latency proxy, and bytes allocated
/// per alert on the calling thread.
/// </summary>
public sealed class SmtpBench(RigEnv rig, int alerts, int oneWayDelayMs)
{
    const string Subject = "[bench-01] ALERT: temperature 31.5 °C is above 30 °C";
    const string Body = "temperature on bench-01 crossed its limit: above 30 °C.\r\n\r\nDevice:  bench-01\r\nSensor:  temperature\r\n"
        + "Value:   31.5 °C\r\nRule:    temp-high (above 30 °C, hysteresis 1)\r\nTime:    2026-11-27 08:00:00 UTC\r\nUptime:  1h 2m\r\n";

    /// <param name="CapturedRoundTripsPerAlert">From tcpdump on the port the client connects to through the latency proxy (<see cref="CapturedFlights"/>); NaN without tcpdump.</param>
    /// <param name="LoopbackRoundTripsPerAlert">The same from tcpdump on the server's port with no latency: replies in tens of microseconds win races a real link never runs (a FIN or the EHLO after the handshake sent just after a reply arrived).</param>
    public record Result(string Client, string Path, double RoundTripsPerAlert, double MsPerAlert, double AlertsPerSecond, long BytesAllocatedPerAlert, long BytesOnWirePerAlert, double CapturedRoundTripsPerAlert, double LoopbackRoundTripsPerAlert);

    public List<Result> Run()
    {
        var results = new List<Result>();
        foreach (var (path, port, tls) in new[]
        {
            ("STARTTLS+AUTH :2587", rig.SubmissionPort, TlsMode.StartTls),
            ("implicit TLS+AUTH :2465", rig.SmtpsPort, TlsMode.Implicit),
            ("plain, no AUTH :2525", rig.SmtpPort, TlsMode.None),
        })
        {
            results.Add(Measure("Gateway SmtpClient", path, port, tls, Ours));
            results.Add(Measure("MailKit SmtpClient", path, port, tls, MailKitSend));
        }
        return results;
    }

    readonly SocketConnector _connector = new(new TlsTrust(rig.CaPath));

    Result Measure(string client, string path, int port, TlsMode secure, Action<System.Net.Sockets.Socket, int, TlsMode, int> sendOn)
    {
        void send(int p, TlsMode s, int i) => sendOn(Connected(p), p, s, i);
        // Warm up both code paths (JIT, TLS session caches) before anything is counted.
        for (int i = 0; i < 3; i++) send(port, secure, i);

        // Allocations: direct to the server, on this thread, which runs the whole synchronous session.
        // The same sessions captured on the server's port give the round trips as a capture counts them.
        long allocated = 0;
        double loopback;
        using (var capture = PortCapture.TryStart(port))
        {
            for (int i = 0; i < alerts; i++)
            {
                var socket = Connected(port);
                long before = GC.GetAllocatedBytesForCurrentThread();
                sendOn(socket, port, secure, i);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            loopback = Flights(capture, port, client + " " + path);
        }

        // Round trips and time: through the proxy that adds latency each way.
        using var proxy = new LatencyProxy(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromMilliseconds(oneWayDelayMs));
        using var proxied = PortCapture.TryStart(proxy.Port); // the client's side of the link
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < alerts; i++) send(proxy.Port, secure, i);
        sw.Stop();
        Thread.Sleep(oneWayDelayMs * 4); // let the last QUIT's bytes be counted
        double ms = sw.Elapsed.TotalMilliseconds / alerts;
        double captured = Flights(proxied, proxy.Port, client + " " + path + " (proxied)");
        return new Result(client, path, (double)proxy.RoundTrips / alerts, ms, 1000 / ms, allocated / alerts, (proxy.BytesUp + proxy.BytesDown) / alerts, captured, loopback);
    }

    /// <summary>Round trips per alert from a capture of <see cref="alerts"/> sessions; NaN without one, or when it lost a session.</summary>
    double Flights(PortCapture? capture, int port, string what)
    {
        if (capture == null) return double.NaN;
        capture.Stop();
        var flights = CapturedFlights.PerConnection(capture.Path, port);
        if (flights.Count == alerts) return flights.Average();
        Console.Error.WriteLine($"{what}: the capture holds {flights.Count} connections for {alerts} alerts; round trips from it left out");
        return double.NaN;
    }

    /// The TCP connect happens before the measured part for both clients: DNS and socket set-up are
    /// the platform's (lwIP on the device), not the client's.
    static System.Net.Sockets.Socket Connected(int port)
    {
        var s = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        s.Connect(IPAddress.Loopback, port);
        return s;
    }

    /// Hands out the socket connected before the measured part.
    sealed class PreConnected(SocketConnector inner) : IConnector
    {
        public System.Net.Sockets.Socket? Next;

        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => inner.Attach(Next!, host, port, tls, timeoutMs);
    }

    // As on the device: one client and one message buffer for the life of the program, per server.
    readonly Dictionary<int, (SmtpClient client, PreConnected connector)> _clients = [];
    readonly ByteBuilder _message = new(1024);

    void Ours(System.Net.Sockets.Socket socket, int port, TlsMode tls, int n)
    {
        bool secure = tls != TlsMode.None;
        if (!_clients.TryGetValue(port * 2 + (secure ? 1 : 0), out var c))
        {
            var connector = new PreConnected(_connector);
            c = (new SmtpClient(connector, new SmtpOptions
            {
                Host = "127.0.0.1",
                Port = port,
                Tls = tls,
                User = secure ? rig.DeviceUser : null,
                Password = secure ? rig.DevicePassword : null,
                HeloName = "bench.gateway.test",
                TimeoutMs = 15000,
            }), connector);
            _clients[port * 2 + (secure ? 1 : 0)] = c;
        }
        c.connector.Next = socket;
        var message = new OutgoingMessage
        {
            From = rig.DeviceUser,
            To = [rig.OpsUser],
            Subject = Subject,
            Body = Body,
            MessageId = "bench-" + n + "-" + Environment.TickCount64 + "@gateway.test",
            DateUtc = DateTime.UtcNow,
            AutoSubmitted = true,
        };
        c.client.Connect();
        _message.Clear();
        var encoding = MessageComposer.Compose(message, (c.client.Capabilities & SmtpCapabilities.EightBitMime) != 0, _message);
        c.client.Send(message.From, message.To, _message.Buffer, 0, _message.Count, encoding == BodyEncoding.EightBit);
        c.client.Quit();
    }

    void MailKitSend(System.Net.Sockets.Socket socket, int port, TlsMode tls, int n)
    {
        bool secure = tls != TlsMode.None;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(rig.DeviceUser));
        message.To.Add(MailboxAddress.Parse(rig.OpsUser));
        message.Subject = Subject;
        message.MessageId = "mk-" + n + "-" + Environment.TickCount64 + "@gateway.test";
        message.Date = DateTimeOffset.UtcNow;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = Body };
        using var client = new MailKit.Net.Smtp.SmtpClient();
        client.ServerCertificateValidationCallback = rig.Validate;
        client.LocalDomain = "bench.gateway.test";
        client.Connect(socket, "127.0.0.1", port, tls switch { TlsMode.StartTls => SecureSocketOptions.StartTls, TlsMode.Implicit => SecureSocketOptions.SslOnConnect, _ => SecureSocketOptions.None });
        if (secure) client.Authenticate(rig.DeviceUser, rig.DevicePassword);
        client.Send(message);
        client.Disconnect(true);
    }
}
