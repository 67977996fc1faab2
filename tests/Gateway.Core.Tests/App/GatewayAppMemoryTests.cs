using System.Text;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.App;

/// <summary>
/// What one pass of the device's loop allocates on the managed heap, measured on the calling thread
/// with servers that cost nothing per byte (canned replies, writes dropped). These are the numbers the
/// firmware README budgets against a no-PSRAM ESP32 (80-110 KB of managed heap); TLS is native there.
/// </summary>
public class GatewayAppMemoryTests(ITestOutputHelper output)
{
    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0);

    /// <summary>An alert cycle after the first: reading, rule, composed message, outbox write, SMTP session, outbox delete.</summary>
    const long AlertCycleBudget = 24 * 1024;

    /// <summary>An empty poll after the first: POP3 session (CAPA, USER/PASS, UIDL, QUIT), no mail.</summary>
    const long EmptyPollBudget = 8 * 1024;

    /// <summary>Serves the same reply bytes on every connection and drops what the client writes: no allocation per byte.</summary>
    sealed class CannedServer(string replies) : IConnector, IChannel
    {
        readonly byte[] _replies = Encoding.ASCII.GetBytes(replies);
        int _pos;

        public int Connections;

        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
        {
            _pos = 0;
            Connections++;
            return this;
        }

        public bool IsEncrypted => true;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, _replies.Length - _pos);
            Array.Copy(_replies, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
        }

        public void StartTls(string host)
        {
        }

        public void Close()
        {
        }
    }

    const string SmtpReplies =
        "220 fake ESMTP\r\n" +
        "250-fake\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n" +
        "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n" +
        "250 2.0.0 Ok: queued\r\n221 2.0.0 Bye\r\n";

    const string Pop3Replies =
        "+OK ready\r\n" +
        "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n" +
        "+OK\r\n+OK logged in\r\n" +
        "+OK\r\n.\r\n" +
        "+OK bye\r\n";

    [Fact]
    public void An_alert_cycle_stays_within_its_heap_budget()
    {
        var clock = new ManualClock(T0);
        var smtp = new CannedServer(SmtpReplies);
        var sensor = new SettableSensor("temp");
        var config = GatewayConfig.Parse("""
            device.id = boiler-1
            smtp.host = fake
            smtp.tls = none
            smtp.from = boiler-1@gateway.test
            alert.to = ops@gateway.test
            sensor.interval = 10s
            rule.hot.sensor = temp
            rule.hot.above = 30
            rule.hot.interval = 0s
            """).Config!;
        var app = new GatewayApp(config, smtp, smtp, new MemoryStore(), clock, NullLog.Instance, [sensor], [], new Random(7), "boiler-1.local");

        long first = AlertCycle(app, clock, sensor);
        long steady = AlertCycle(app, clock, sensor);

        // The same alert in two halves: queued (text, Message-ID, outbox write), then delivered (SMTP, outbox delete).
        long before = GC.GetAllocatedBytesForCurrentThread();
        app.QueueAlert("boiler-1: temp 35 °C above 30", "Value:   35 °C");
        long queued = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        app.Deliver();
        long delivered = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"alert cycle: first {first} B (one-time client buffers included), then {steady} B; queue {queued} B, deliver {delivered} B");
        Assert.Equal(5, smtp.Connections);
        Assert.Equal(0, app.Outbox.Count); // delivered: the canned dialogue was the whole session
        Assert.InRange(steady, 1, AlertCycleBudget);
    }

    [Fact]
    public void An_empty_poll_stays_within_its_heap_budget()
    {
        var clock = new ManualClock(T0);
        var pop3 = new CannedServer(Pop3Replies);
        var smtp = new CannedServer(SmtpReplies);
        var config = GatewayConfig.Parse($"""
            device.id = boiler
            smtp.host = fake
            smtp.tls = none
            smtp.from = boiler@gateway.test
            alert.to = ops@gateway.test
            pop3.host = fake
            pop3.tls = implicit
            pop3.user = boiler@gateway.test
            pop3.password = pw
            command.key = {Convert.ToBase64String(new byte[32])}
            """).Config!;
        var app = new GatewayApp(config, smtp, pop3, new MemoryStore(), clock, NullLog.Instance, [], [], new Random(3), "boiler.local");

        app.Poll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var report = app.Poll();
        long steady = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"empty poll: {steady} B");
        Assert.NotNull(report);
        Assert.Null(report!.Error);
        Assert.Equal(2, pop3.Connections);
        Assert.InRange(steady, 1, EmptyPollBudget);
    }

    [Fact]
    public void Parsing_the_configuration_stays_within_its_start_up_budget()
    {
        // Measured 54,376 B for the 47-line sample (2026-11-27) when the schema was objects and every pattern
        // look-up split strings; 19,496 B with the schema as constant rows (2026-12-04); 3,472 B read from the
        // file's bytes with rows read in place and no list or number objects per entry (2026-12-05; UTF-16
        // strings here, UTF-8 on the device, where tools/nanoclr/measure --only parse gives 7,848 B with its
        // stack frames). Garbage once parsed, but the largest burst at start-up, so it is bounded.
        // The bytes as the device reads them from flash (ConfigLoader): the parse makes no copy of the text.
        var data = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", "mailrig.conf"));
        GatewayConfig.Parse(data, 0, data.Length); // the schema is checked once, on first use
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = GatewayConfig.Parse(data, 0, data.Length);
        long used = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"configuration: {data.Length} bytes, {used} B allocated by parsing");
        Assert.True(result.IsValid);
        Assert.InRange(used, 1, 6 * 1024);
    }

    /// <summary>Hot then back to normal: one alert and one recovery mail, each its own SMTP session; returns the bytes of the alert pass.</summary>
    static long AlertCycle(GatewayApp app, ManualClock clock, SettableSensor sensor)
    {
        sensor.Value = 35;
        clock.Advance(TimeSpan.FromSeconds(10));
        long before = GC.GetAllocatedBytesForCurrentThread();
        app.Tick();
        long used = GC.GetAllocatedBytesForCurrentThread() - before;
        sensor.Value = 20;
        clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick();
        return used;
    }
}
