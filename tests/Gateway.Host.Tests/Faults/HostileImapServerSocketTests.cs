using System.Diagnostics;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Platform;
using Gateway.Host.Tests.Support;
using Gateway.Mail.Imap;

namespace Gateway.Host.Tests.Faults;

/// <summary>
/// Hostile IMAP servers where time matters, over loopback sockets with the host connector: an IDLE
/// that is never acknowledged and a DONE never answered end within imap.timeout as typed errors, and
/// the device loop notices, says why, and schedules the reconnect; nothing hangs.
/// </summary>
public class HostileImapServerSocketTests
{
    const string Greeting = "* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] hostile ready\r\n";

    static ImapClient Client(int port, int timeoutMs)
    {
        var client = new ImapClient(new SocketConnector(), new ImapOptions
        {
            Host = "127.0.0.1", Port = port, Tls = TlsMode.None, TimeoutMs = timeoutMs,
        });
        client.Connect();
        return client;
    }

    [Fact]
    public void An_idle_never_acknowledged_fails_within_the_timeout()
    {
        using var server = new TestServer(c =>
        {
            c.Send(Greeting);
            Assert.Equal("A1 IDLE", c.ReadLine());
            c.StaySilent();
        });
        var client = Client(server.Port, 1000);
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<ImapException>(client.StartIdle);
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.StartsWith("IDLE: ", e.Message);
        Assert.InRange(sw.ElapsedMilliseconds, 800, 5000);
        Assert.False(client.IsConnected);
        Assert.False(client.IsIdling);
    }

    [Fact]
    public void A_done_never_answered_fails_within_the_timeout()
    {
        using var server = new TestServer(c =>
        {
            c.Send(Greeting);
            Assert.Equal("A1 IDLE", c.ReadLine());
            c.Send("+ idling\r\n");
            Assert.Equal("DONE", c.ReadLine());
            c.StaySilent();
        });
        var client = Client(server.Port, 1000);
        client.StartIdle();
        Assert.False(client.WaitIdle(300), "a quiet IDLE");
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<ImapException>(client.StopIdle);
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.StartsWith("DONE: ", e.Message);
        Assert.InRange(sw.ElapsedMilliseconds, 800, 5000);
        Assert.False(client.IsConnected);
    }

    sealed class Lines : ILog
    {
        public readonly List<string> All = [];
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Info;
        public void Write(LogLevel level, string text) { lock (All) All.Add(text); }
    }

    [Fact]
    public void The_loop_is_not_held_by_an_idle_never_acknowledged_and_says_why()
    {
        using var server = new TestServer(c =>
        {
            c.Send(Greeting);
            Assert.Equal("A1 LOGIN \"device@gateway.test\" \"pw\"", c.ReadLine());
            c.Send("A1 OK logged in\r\n");
            Assert.StartsWith("A2 SELECT", c.ReadLine());
            c.Send("* 0 EXISTS\r\n* OK [UIDVALIDITY 5] ok\r\nA2 OK selected\r\n");
            Assert.Equal("A3 UID SEARCH DELETED", c.ReadLine());
            c.Send("* SEARCH\r\nA3 OK done\r\n");
            Assert.Equal("A4 UID SEARCH UNDELETED", c.ReadLine());
            c.Send("* SEARCH\r\nA4 OK done\r\n");
            Assert.Equal("A5 IDLE", c.ReadLine());
            c.StaySilent();
        });
        var parsed = GatewayConfig.Parse($"""
            device.id = hostile
            smtp.host = 127.0.0.1
            smtp.from = device@gateway.test
            alert.to = ops@gateway.test
            imap.host = 127.0.0.1
            imap.port = {server.Port}
            imap.tls = none
            imap.allow-plain-auth = true
            imap.user = device@gateway.test
            imap.password = pw
            imap.timeout = 1s
            command.key = {Convert.ToBase64String(new byte[32])}
            command.senders = ops@gateway.test
            sensor.interval = 24h
            """);
        Assert.True(parsed.IsValid, parsed.ToString());
        var log = new Lines();
        var connector = new SocketConnector();
        var app = new GatewayApp(parsed.Config!, connector, connector, new FileStore(Directory.CreateTempSubdirectory("gateway-hostile-imap-").FullName),
            new SystemClock(), log, [], [], new Random(1), "hostile.gateway.test");

        app.Tick(); // connect, select, search
        Assert.Null(app.LastPoll!.Error);
        var sw = Stopwatch.StartNew();
        Assert.True(app.WaitForCommands(DateTime.UtcNow.AddSeconds(1)));
        Assert.InRange(sw.ElapsedMilliseconds, 800, 5000);
        lock (log.All) Assert.Contains(log.All, l => l.StartsWith("IMAP session ended: IDLE: ", StringComparison.Ordinal) && l.Contains("reconnecting in", StringComparison.Ordinal));
        Assert.InRange((app.NextWakeUtc - DateTime.UtcNow).TotalSeconds, 0.5, 2.5); // the reconnect, not imap.interval
        lock (log.All) Assert.DoesNotContain(log.All, l => l.Contains("\"pw\"", StringComparison.Ordinal));
    }
}
