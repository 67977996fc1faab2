using System.Security.Cryptography;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Signing;

namespace Gateway.Core.Tests.App;

/// <summary>
/// The loop policy the board and the host share, driven on a manual clock: the platform's sleeps move
/// the clock, so a test sees every sleep the loop asks for and when it reboots.
/// </summary>
public class RunLoopTests
{
    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0);
    static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    readonly ManualClock _clock = new(T0);
    readonly FlashThatFills _store = new();
    readonly FakeSmtpServer _smtp = new();
    readonly FakePop3Server _pop3 = new();
    readonly ListLog _log = new();
    readonly SettableSensor _temp = new("temp");

    /// <summary>The platform: each sleep advances the clock; it stops after <see cref="StopAfterSleeps"/> sleeps.</summary>
    sealed class ClockPlatform(ManualClock clock) : ILoopPlatform
    {
        public readonly List<int> Sleeps = [];
        public readonly List<DateTime> Reboots = [];
        public int StopAfterSleeps = 1000;

        public bool Stopping => Sleeps.Count >= StopAfterSleeps || Reboots.Count > 0;

        public void Sleep(int ms)
        {
            Sleeps.Add(ms);
            clock.Advance(TimeSpan.FromMilliseconds(ms));
        }

        public void Reboot() => Reboots.Add(clock.UtcNow);
    }

    /// <summary>A store whose writes fail while <see cref="Full"/>, as a full flash does.</summary>
    sealed class FlashThatFills : IStore
    {
        readonly MemoryStore _inner = new();
        public bool Full;

        public byte[]? Read(string name) => _inner.Read(name);
        public void Write(string name, byte[] data)
        {
            if (Full) throw new IOException("flash full");
            _inner.Write(name, data);
        }
        public void Delete(string name) => _inner.Delete(name);
        public string[] List(string prefix) => _inner.List(prefix);
    }

    GatewayApp App(string interval = "10s", string extra = "")
    {
        var text = $"""
            device.id = boiler
            smtp.host = fake
            smtp.tls = none
            smtp.from = boiler@gateway.test
            alert.to = ops@gateway.test
            alert.retry = 30s
            alert.retry-max = 30s
            sensor.interval = {interval}
            rule.hot.sensor = temp
            rule.hot.above = 30
            {extra}
            """;
        var parsed = GatewayConfig.Parse(text);
        Assert.True(parsed.IsValid, parsed.ToString());
        return new GatewayApp(parsed.Config!, _smtp, _pop3, _store, _clock, _log, [_temp], [], new Random(3), "boiler.local");
    }

    const string Pop3Keys = """
        pop3.host = fake
        pop3.tls = implicit
        pop3.user = boiler@gateway.test
        pop3.password = pw
        pop3.interval = 5m
        command.senders = ops@gateway.test
        """;

    GatewayApp AppWithCommands() => App("10s", Pop3Keys + "\ncommand.key = " + Convert.ToBase64String(Key));

    void MailReboot()
    {
        string signed = CommandSigner.Sign(["reboot"], "boiler", T0, RandomNumberGenerator.GetBytes(16), Key);
        _pop3.Add("u1", "From: ops@gateway.test\nTo: boiler@gateway.test\nSubject: [boiler] commands\nMessage-ID: <op-1@ops.test>\n\n" + signed + "\n");
    }

    [Fact]
    public void After_a_tick_it_sleeps_until_the_next_reading()
    {
        var app = App();
        var platform = new ClockPlatform(_clock);
        Assert.True(new RunLoop(app, _clock, _log, platform).Cycle());
        Assert.Equal([10000], platform.Sleeps);
        Assert.Equal(app.NextWakeUtc, _clock.UtcNow);
    }

    [Fact]
    public void A_wake_up_far_away_is_slept_a_minute_at_a_time()
    {
        var app = App("5m");
        var platform = new ClockPlatform(_clock);
        var loop = new RunLoop(app, _clock, _log, platform);
        Assert.True(loop.Cycle());
        Assert.True(loop.Cycle());
        Assert.Equal([RunLoop.MaxSleepMs, RunLoop.MaxSleepMs], platform.Sleeps);
    }

    [Fact]
    public void Ticks_are_never_closer_than_the_minimum_sleep()
    {
        var app = App("100ms");
        var platform = new ClockPlatform(_clock);
        Assert.True(new RunLoop(app, _clock, _log, platform).Cycle());
        Assert.Equal([RunLoop.MinSleepMs], platform.Sleeps);
    }

    [Fact]
    public void A_failed_cycle_is_logged_paused_and_the_next_one_runs()
    {
        var app = App();
        var platform = new ClockPlatform(_clock);
        var loop = new RunLoop(app, _clock, _log, platform);
        _temp.Value = 35; // the alarm's mail must be stored, and the flash is full
        _store.Full = true;

        Assert.True(loop.Cycle());
        Assert.Contains("Error cycle failed: flash full", _log.Lines);
        Assert.Equal([RunLoop.FailedCyclePauseMs], platform.Sleeps);

        _store.Full = false;
        _temp.Value = 20; // the next reading recovers, and that mail is stored and sent
        Assert.True(loop.Cycle());
        Assert.Contains("is back within its limit", Assert.Single(_smtp.Accepted));
        Assert.Single(_log.Lines, l => l.Contains("cycle failed"));
    }

    [Fact]
    public void A_reboot_waits_for_its_reply_to_be_delivered()
    {
        var app = AppWithCommands();
        var platform = new ClockPlatform(_clock);
        MailReboot();

        new RunLoop(app, _clock, _log, platform).Run();

        var reboot = Assert.Single(platform.Reboots);
        Assert.Equal(T0, reboot); // the reply went out in the same tick
        Assert.Contains("ok, rebooting", Assert.Single(_smtp.Accepted));
        Assert.Contains("Warning rebooting on command", _log.Lines);
        Assert.Empty(platform.Sleeps);
    }

    [Fact]
    public void A_reboot_whose_reply_cannot_be_delivered_happens_after_the_grace()
    {
        var app = AppWithCommands();
        var platform = new ClockPlatform(_clock);
        MailReboot();
        _smtp.Fault = "down";

        new RunLoop(app, _clock, _log, platform).Run();

        var reboot = Assert.Single(platform.Reboots);
        Assert.True(reboot >= T0.AddMilliseconds(RunLoop.RebootGraceMs), reboot.ToString("O"));
        Assert.True(reboot < T0.AddMilliseconds(RunLoop.RebootGraceMs + RunLoop.MaxSleepMs), reboot.ToString("O"));
        Assert.Equal(1, app.Outbox.Count); // the reply stays stored for after the restart
        Assert.Empty(_smtp.Accepted);
    }

    [Fact]
    public void The_loop_ends_when_the_platform_stops()
    {
        var app = App();
        var platform = new ClockPlatform(_clock) { StopAfterSleeps = 3 };
        new RunLoop(app, _clock, _log, platform).Run();
        Assert.Equal([10000, 10000, 10000], platform.Sleeps);
        Assert.Empty(platform.Reboots);
    }
}
