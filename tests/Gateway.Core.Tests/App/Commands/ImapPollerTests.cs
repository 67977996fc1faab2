using System.Security.Cryptography;
using Gateway.App;
using Gateway.App.Commands;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Signing;

namespace Gateway.Core.Tests.App.Commands;

/// <summary>
/// The IMAP poller's session life against an in-memory folder: refused connections back off (2 s
/// doubling, +-20%) and the log says why, a poll inside the backoff neither dials nor lengthens it, a
/// lost IDLE session is noticed and opened again when its backoff ends (the loop wakes for it), a
/// silent DONE at the keep-alive is a dead connection, and a command runs once across all of it.
/// </summary>
public class ImapPollerTests
{
    static readonly DateTime T0 = new(2026, 12, 4, 8, 0, 0);
    static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    readonly ManualClock _clock = new(T0);
    readonly MemoryStore _store = new();
    readonly FakeImapServer _imap = new();
    readonly FakeSmtpServer _smtp = new();
    readonly Relay _relay = new("relay1");
    readonly LevelLog _log = new();

    sealed class LevelLog : ILog
    {
        public readonly List<string> Lines = [];
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Info;
        public void Write(LogLevel level, string text) => Lines.Add(level + " " + text);
    }

    GatewayApp App()
    {
        var parsed = GatewayConfig.Parse($"""
            device.id = boiler
            smtp.host = fake
            smtp.tls = none
            smtp.from = boiler@gateway.test
            alert.to = ops@gateway.test
            imap.host = fake
            imap.user = boiler@gateway.test
            imap.password = imap-secret-pw
            imap.keepalive = 10s
            imap.interval = 10m
            sensor.interval = 24h
            command.key = {Convert.ToBase64String(Key)}
            command.senders = ops@gateway.test
            """);
        Assert.True(parsed.IsValid, parsed.ToString());
        return new GatewayApp(parsed.Config!, _smtp, _imap, _store, _clock, _log, [], [_relay], new Random(3), "boiler.local");
    }

    string CommandMail(string command) =>
        $"From: Operator <ops@gateway.test>\nTo: boiler@gateway.test\nSubject: [boiler] commands\nMessage-ID: <{Guid.NewGuid():N}@ops.test>\n" +
        $"Content-Type: text/plain; charset=utf-8\n\n{CommandSigner.Sign([command], "boiler", _clock.UtcNow, RandomNumberGenerator.GetBytes(16), Key)}\n";

    /// <summary>The delay the poller announced in its last "reconnecting in N s" line.</summary>
    double AnnouncedDelay()
    {
        var line = _log.Lines.Last(l => l.Contains("IMAP session ended", StringComparison.Ordinal));
        var at = line.LastIndexOf("reconnecting in ", StringComparison.Ordinal);
        return double.Parse(line[(at + 16)..line.IndexOf(" s", at + 16, StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Refused_connections_back_off_doubling_from_2_s_and_the_log_says_why()
    {
        var app = App();
        _imap.Refuse = 4;
        for (int attempt = 1; attempt <= 4; attempt++)
        {
            int connects = _imap.Connects;
            app.Tick(); // the loop: the first poll, then each reconnect once its backoff is over
            Assert.NotNull(app.LastPoll!.Error);
            Assert.Equal(connects + 1, _imap.Connects);
            Assert.Contains(_log.Lines, l => l.Contains("IMAP session ended: connect: connection refused by fake:993", StringComparison.Ordinal));
            var wait = app.NextWakeUtc - _clock.UtcNow;
            double nominal = 2 << (attempt - 1);
            Assert.InRange(wait.TotalSeconds, nominal * 0.8 - 0.001, nominal * 1.2 + 0.001);
            Assert.InRange(AnnouncedDelay(), nominal * 0.8 - 0.1, nominal * 1.2); // tenths, rounded down
            Assert.Equal(Math.Floor(wait.TotalSeconds * 10) / 10, AnnouncedDelay(), 3);
            _clock.Advance(wait);
        }
        // The fifth try finds the server back: connected, selected, waiting in IDLE.
        Assert.True(app.WaitForCommands(_clock.UtcNow.AddSeconds(1)));
        Assert.Equal(5, _imap.Connects);
        Assert.Contains("IDLE", _imap.Commands);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("imap-secret-pw", StringComparison.Ordinal));
    }

    [Fact]
    public void A_poll_inside_the_backoff_neither_dials_nor_lengthens_it()
    {
        var app = App();
        _imap.Refuse = 1;
        app.Tick();
        var due = app.NextWakeUtc;
        int lines = _log.Lines.Count;

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        var report = app.Poll()!;
        Assert.Contains("waiting", report.Error!.Message);
        Assert.Equal(1, _imap.Connects);
        Assert.Equal(due, app.NextWakeUtc);
        Assert.Equal(lines, _log.Lines.Count);
        Assert.False(app.WaitForCommands(_clock.UtcNow.AddSeconds(1)), "no session to wait on yet");
        Assert.Equal(1, _imap.Connects);
    }

    [Fact]
    public void A_lost_idle_session_is_noticed_reopened_after_its_backoff_by_the_loop_and_the_command_runs_once()
    {
        var app = App();
        app.Tick();
        Assert.True(app.WaitForCommands(_clock.UtcNow.AddSeconds(1)));
        Assert.Equal(1, _imap.Connects);

        _imap.KillAll(); // reset under the IDLE
        app.WaitForCommands(_clock.UtcNow.AddSeconds(1));
        Assert.Contains(_log.Lines, l => l.Contains("IMAP session ended: IDLE: the server closed the connection", StringComparison.Ordinal));
        var wake = app.NextWakeUtc;
        Assert.InRange((wake - _clock.UtcNow).TotalSeconds, 1.6, 2.4); // not the 10 min of imap.interval

        // A mail arrives while the device is away; the loop wakes at the end of the backoff and finds it.
        _imap.Add(CommandMail("relay relay1 on"));
        _clock.UtcNow = wake;
        app.Tick();
        Assert.Equal(2, _imap.Connects);
        Assert.Single(_relay.Calls);
        Assert.Empty(_imap.Mails);
        Assert.True(app.NextWakeUtc > _clock.UtcNow.AddMinutes(5), "connected: the loop sleeps until the next interval");

        // Pushed mail in the new session runs at once, and once.
        Assert.True(app.WaitForCommands(_clock.UtcNow.AddSeconds(1)));
        _imap.Add(CommandMail("relay relay1 off"));
        _imap.Push();
        app.WaitForCommands(_clock.UtcNow.AddSeconds(1));
        Assert.Equal(2, _relay.Calls.Count);
        Assert.Equal("off", _relay.State);
        Assert.Equal(2, _imap.Connects);
    }

    [Fact]
    public void A_silent_done_at_the_keep_alive_is_a_dead_connection_and_is_reopened()
    {
        var app = App();
        app.Tick();
        Assert.True(app.WaitForCommands(_clock.UtcNow.AddSeconds(1)));
        _clock.Advance(TimeSpan.FromSeconds(5));
        app.WaitForCommands(_clock.UtcNow.AddSeconds(1));
        Assert.DoesNotContain("DONE", _imap.Commands); // within the keep-alive: left alone

        _imap.SilentDone = true;
        _clock.Advance(TimeSpan.FromSeconds(6)); // past imap.keepalive = 10s
        app.WaitForCommands(_clock.UtcNow.AddSeconds(1));
        Assert.Contains("DONE", _imap.Commands);
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning IMAP session ended: DONE:", StringComparison.Ordinal));

        _imap.SilentDone = false;
        _clock.UtcNow = app.NextWakeUtc;
        Assert.True(app.WaitForCommands(_clock.UtcNow.AddSeconds(1)));
        Assert.Equal(2, _imap.Connects);
    }

    [Fact]
    public void A_connection_lost_after_the_command_ran_never_runs_it_twice_and_deletes_it_next_time()
    {
        var app = App();
        _imap.Add(CommandMail("relay relay1 on"));
        _imap.DropAt = "UID STORE";
        app.Tick();
        var first = app.LastPoll!;
        Assert.NotNull(first.Error);
        Assert.Single(_relay.Calls);
        Assert.Single(_imap.Mails);

        _clock.UtcNow = app.NextWakeUtc;
        _imap.Commands.Clear();
        var second = app.Poll()!;
        Assert.Null(second.Error);
        Assert.Empty(second.Outcomes); // handled: not fetched again
        Assert.DoesNotContain(_imap.Commands, c => c.StartsWith("UID FETCH", StringComparison.Ordinal));
        Assert.Contains(_imap.Commands, c => c.StartsWith("UID STORE", StringComparison.Ordinal));
        Assert.Empty(_imap.Mails);
        Assert.Single(_relay.Calls);
    }

    [Fact]
    public void A_mail_left_flagged_deleted_by_a_lost_session_is_expunged_by_the_next_one()
    {
        // Found by the IMAP power-loss run: killed between STORE and EXPUNGE, the mail stayed for good.
        var app = App();
        _imap.Add(CommandMail("relay relay1 on"));
        _imap.DropAt = "UID EXPUNGE";
        app.Tick();
        Assert.True(Assert.Single(_imap.Mails).Deleted);

        _clock.UtcNow = app.NextWakeUtc;
        app.Tick();
        Assert.Null(app.LastPoll!.Error);
        Assert.Empty(_imap.Mails);
        Assert.Contains("UID SEARCH DELETED", _imap.Commands);
        Assert.Single(_relay.Calls);
        Assert.Contains(_log.Lines, l => l.Contains("1 mail(s) marked deleted but still there expunged", StringComparison.Ordinal));
    }

    [Fact]
    public void Success_resets_the_backoff()
    {
        var app = App();
        _imap.Refuse = 3;
        for (int i = 0; i < 3; i++)
        {
            app.Tick();
            _clock.UtcNow = app.NextWakeUtc;
        }
        app.Tick();
        Assert.Null(app.LastPoll!.Error);
        _imap.KillAll();
        app.WaitForCommands(_clock.UtcNow.AddSeconds(1));
        Assert.InRange((app.NextWakeUtc - _clock.UtcNow).TotalSeconds, 1.6, 2.4);
    }
}
