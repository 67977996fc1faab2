using Gateway.Core.Config;
using System.Text;
using Gateway.App.Commands;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Signing;
using static Gateway.Core.Tests.Support.CommandKit;

namespace Gateway.Core.Tests.App.Commands;

public class CommandExecutorTests
{
    readonly MemoryStore _store = new();
    readonly ListLog _log = new();
    readonly Relay _relay1 = new("relay1");
    readonly Relay _pump = new("Pump", "on");
    readonly GatewayConfig _config = CommandKit.Config();
    readonly CommandSettings _settings;

    public CommandExecutorTests() => _settings = new CommandSettings(_config);

    CommandExecutor Executor(IStore? store = null, DateTime? now = null) => new(
        new CommandVerifier(Key, Device, CommandVerifier.DefaultWindowMs),
        NonceJournal.Open(store ?? _store, CommandVerifier.DefaultWindowMs, now ?? T0, _log),
        [_relay1, _pump], new FixedStatus(), _settings, _log);

    CommandReport Run(params string[] commands) => Executor().Run(Sign(commands), T0);

    [Fact]
    public void The_nonce_is_in_the_store_before_the_actuator_moves()
    {
        string nonce = System.Buffers.Text.Base64Url.EncodeToString(Nonce(1));
        bool stored = false;
        _relay1.BeforeSet = _ => stored = Encoding.UTF8.GetString(_store.Read(NonceJournal.StoreName) ?? []).Contains(nonce);
        var report = Run("relay relay1 on");
        Assert.True(report.Executed);
        Assert.Equal(["on"], _relay1.Calls);
        Assert.True(stored);
    }

    [Fact]
    public void When_the_nonce_cannot_be_stored_nothing_moves()
    {
        var report = Executor(new FailingStore()).Run(Sign("relay relay1 on"), T0);
        Assert.False(report.Executed);
        Assert.Equal(VerifyOutcome.NotRecorded, report.Verdict.Outcome);
        Assert.Equal("not executed: the nonce could not be recorded (IOException)", report.Verdict.Reason);
        Assert.Empty(_relay1.Calls);
    }

    [Fact]
    public void Relay_results_say_what_the_relay_was()
    {
        var report = Run("relay relay1 on", "relay PUMP toggle", "relay relay1 toggle");
        Assert.Equal(["relay1 on: ok (was off)", "PUMP toggle: ok (was on)", "relay1 toggle: ok (was on)"], report.Lines);
        Assert.Equal("off", _pump.State);
        Assert.Equal("off", _relay1.State);
    }

    [Fact]
    public void An_unknown_relay_names_the_ones_there_are()
    {
        var report = Run("relay relay9 on");
        Assert.Equal(["relay9 on: error: no relay named relay9 (relays: relay1, Pump)"], report.Lines);
    }

    [Fact]
    public void A_failing_actuator_is_its_lines_error_and_the_next_commands_still_run()
    {
        _relay1.Fault = new InvalidOperationException("GPIO 4 busy");
        var report = Run("relay relay1 on", "ping");
        Assert.Equal(["relay1 on: error: GPIO 4 busy", "ping: pong"], report.Lines);
        Assert.Equal(1, report.Errors);
    }

    [Fact]
    public void Every_line_gets_one_result_in_order_including_errors()
    {
        var report = Run("ping", "frobnicate", "status", "help", "get smtp.host");
        Assert.Equal([
            "ping: pong",
            "frobnicate: error: unknown command (try help)",
            "status: up 3h 2m, outbox 0, relay1 off",
            "help: " + CommandParser.Help,
            "get smtp.host: mail.example.com",
        ], report.Lines);
    }

    [Theory]
    [InlineData("get command.key", "get command.key: error: secret, never shown")]
    [InlineData("get pop3.password", "get pop3.password: error: secret, never shown")]
    [InlineData("get smtp.password", "get smtp.password: error: secret, never shown")]
    [InlineData("get nothing.here", "get nothing.here: error: no such key")]
    [InlineData("get smtp.token", "get smtp.token: error: secret, never shown")]
    [InlineData("get pop3.interval", "get pop3.interval: 60s")]
    [InlineData("get smtp.ca", "get smtp.ca: (not set)")]
    public void Get_reads_any_key_but_never_a_secret(string command, string line) =>
        Assert.Equal([line], Run(command).Lines);

    [Theory]
    [InlineData("set command.key AAAAAAAAAAAAAAAAAAAAAA==", "set command.key: error: secret, not settable by mail")]
    [InlineData("set smtp.host evil.example", "set smtp.host: error: not settable by mail (settable: pop3.interval, sensor.interval, rule.*.above, rule.*.below, rule.*.hysteresis)")]
    [InlineData("set pop3.interval 5", "set pop3.interval: error: \"5\" has no unit (ms, s, m or h, e.g. 30s)")]
    [InlineData("set pop3.interval 1ms", "set pop3.interval: error: \"1ms\" is shorter than the least allowed, 1s")]
    [InlineData("set rule.cold.below 3", "set rule.cold.below: error: no rule named cold")]
    [InlineData("set rule.hot.below 3", "set rule.hot.below: error: rule hot alerts above a threshold: set rule.hot.above")]
    public void Set_refuses_secrets_other_keys_and_bad_values(string command, string line) =>
        Assert.Equal([line], Run(command).Lines);

    [Fact]
    public void Set_changes_a_settable_key_in_memory_and_get_shows_it()
    {
        var report = Run("set pop3.interval 5m", "get pop3.interval", "set rule.hot.above 35.5", "set rule.hot.hysteresis 2", "get rule.hot.above");
        Assert.Equal([
            "set pop3.interval: ok", "get pop3.interval: 5m", "set rule.hot.above: ok", "set rule.hot.hysteresis: ok", "get rule.hot.above: 35.5",
        ], report.Lines);
        Assert.Equal(300_000, _config.GetDurationMs("pop3.interval"));
        Assert.Equal(3, _settings.ChangedCount);
    }

    [Fact]
    public void Reboot_is_only_a_flag_in_the_report()
    {
        var report = Run("reboot");
        Assert.True(report.RebootRequested);
        Assert.Equal(["reboot: ok, rebooting once this reply is queued"], report.Lines);
        Assert.False(Run("ping").RebootRequested);
    }

    [Fact]
    public void The_same_mail_twice_runs_once()
    {
        var executor = Executor();
        string mail = Sign("relay relay1 toggle");
        Assert.True(executor.Run(mail, T0).Executed);
        var second = executor.Run(mail, T0.AddSeconds(30));
        Assert.False(second.Executed);
        Assert.Equal("replayed nonce", second.Verdict.Reason);
        Assert.Equal(["on"], _relay1.Calls);
    }

    [Fact]
    public void The_same_mail_after_a_restart_runs_once()
    {
        string mail = Sign("relay relay1 toggle");
        Assert.True(Executor().Run(mail, T0).Executed);
        var afterRestart = Executor(now: T0.AddMinutes(1)).Run(mail, T0.AddMinutes(1)); // a new journal over the same store
        Assert.Equal(VerifyOutcome.Replayed, afterRestart.Verdict.Outcome);
        Assert.Single(_relay1.Calls);
    }

    [Fact]
    public void After_a_torn_journal_an_executed_mail_is_still_refused_and_a_new_one_later_works()
    {
        string mail = Sign("relay relay1 toggle");
        Assert.True(Executor().Run(mail, T0).Executed);
        var blob = _store.Read(NonceJournal.StoreName)!;
        _store.Write(NonceJournal.StoreName, blob[..^10]);

        var restarted = Executor(now: T0.AddMinutes(1));
        var replay = restarted.Run(mail, T0.AddMinutes(1));
        Assert.Equal(VerifyOutcome.Replayed, replay.Verdict.Outcome);
        Assert.StartsWith("replayed or too old for the replay journal: timestamp 2026-11-27T08:00:00Z is not after 2026-11-27T08:11:00Z", replay.Verdict.Reason);
        Assert.True(restarted.Run(Sign(T0.AddMinutes(11).AddSeconds(1), 2, "ping"), T0.AddMinutes(12)).Executed);
        Assert.Single(_relay1.Calls);
    }

    [Fact]
    public void A_rejected_mail_moves_nothing_and_records_nothing()
    {
        var report = Executor().Run(Sign("relay relay1 on").Replace("relay1", "relay2"), T0);
        Assert.Equal(VerifyOutcome.BadSignature, report.Verdict.Outcome);
        Assert.Empty(_relay1.Calls);
        Assert.Null(_store.Read(NonceJournal.StoreName));
        Assert.Equal("rejected: bad signature\n", report.ToText());
        Assert.Contains("Warning command mail rejected: bad signature", _log.Lines);
    }

    [Fact]
    public void The_reply_text_lists_the_results()
    {
        Assert.Equal("executed 2 command(s)\nping: pong\nrelay1 on: ok (was off)\n", Run("ping", "relay relay1 on").ToText());
    }

    [Fact]
    public void Twenty_commands_run_and_a_twenty_first_cannot_be_signed()
    {
        var commands = Enumerable.Repeat("ping", CommandBlock.MaxCommands).ToArray();
        Assert.Equal(20, Run(commands).Lines.Length);
        Assert.Throws<ArgumentException>(() => Sign([.. commands, "ping"]));
    }

    [Fact]
    public void No_result_reason_log_line_or_exception_holds_the_key_or_a_password()
    {
        var texts = new List<string>();
        var executor = Executor();
        string good = Sign("get command.key", "get pop3.password", "get smtp.password", "set command.key " + Convert.ToBase64String(Key), "status");
        string[] mails =
        [
            good, good, // executed, then replayed
            good.Replace("status", "ping"),
            Sign(T0.AddHours(1), 3, "ping"),
            Sign(T0.AddHours(-1), 4, "ping"),
            CommandSigner.Sign(["ping"], "other", T0, Nonce(5), Key),
            "gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z nonce=" + new string('A', 22) + " n=1 mac=" + Convert.ToBase64String(Key) + "\nping\n",
            "no auth at all",
        ];
        foreach (var mail in mails)
        {
            var report = executor.Run(mail, T0);
            texts.Add(report.ToText());
            texts.Add(report.Verdict.Reason);
        }
        texts.AddRange(_log.Lines);
        texts.Add(Assert.Throws<ArgumentException>(() => CommandSigner.Sign(["ok", "> quoted"], Device, T0, Nonce(1), Key)).Message);
        texts.Add(Assert.Throws<ArgumentException>(() => CommandSigner.Sign(["ok"], Device, T0, Nonce(1), Key[..15])).Message);
        foreach (var text in texts) AssertNoSecret(text);
        Assert.Contains(texts, t => t.Contains("get command.key: error: secret, never shown"));
    }

    [Fact]
    public void A_reply_quoting_an_executed_mail_runs_only_its_own_new_block()
    {
        var executor = Executor();
        string first = Sign(T0, 1, "relay relay1 on");
        Assert.True(executor.Run(first, T0).Executed);
        string reply = Sign(T0.AddMinutes(2), 2, "relay relay1 off") + "\nOn 27/11/2026 08:00, Operator wrote:\n"
            + string.Join("\n", first.TrimEnd('\n').Split('\n').Select(l => "> " + l)) + "\n";
        var report = executor.Run(reply, T0.AddMinutes(3));
        Assert.Equal(["relay1 off: ok (was on)"], report.Lines);
        Assert.Equal(["on", "off"], _relay1.Calls);
    }
}
