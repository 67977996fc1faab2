using Gateway.App.Commands;
using Gateway.Core.Config;
using Gateway.Core.Tests.Support;
using static Gateway.Core.Tests.Support.CommandKit;

namespace Gateway.Core.Tests.App.Commands;

public class CommandSettingsTests
{
    readonly MemoryStore _store = new();
    readonly ListLog _log = new();

    CommandSettings Open(GatewayConfig? config = null) => new(config ?? CommandKit.Config(), _store, _log);

    /// <summary>A configuration as a restarted device has it: the stored changes applied.</summary>
    GatewayConfig Restarted(GatewayConfig? config = null)
    {
        config ??= CommandKit.Config();
        Open(config);
        return config;
    }

    static GatewayConfig ConfigWith(string extra)
    {
        var r = GatewayConfig.Parse(ConfigText + extra);
        Assert.True(r.IsValid, r.ToString());
        return r.Config!;
    }

    [Fact]
    public void A_change_is_stored_when_TrySet_returns_and_survives_a_restart()
    {
        Assert.True(Open().TrySet("pop3.interval", "5m", out _));
        Assert.NotNull(_store.Read(CommandSettings.StoreName));
        Assert.Equal("5m", Restarted().GetString("pop3.interval"));
    }

    [Fact]
    public void A_second_change_of_the_same_key_replaces_the_first()
    {
        var s = Open();
        s.TrySet("rule.hot.above", "31", out _);
        s.TrySet("rule.hot.above", "32.5", out _);
        Assert.Equal(1, s.ChangedCount);
        Assert.Equal("32.5", Restarted().GetString("rule.hot.above"));
    }

    [Fact]
    public void An_edited_configuration_file_wins_over_an_older_change_by_mail()
    {
        Open().TrySet("pop3.interval", "5m", out _);
        var edited = Restarted(ConfigWith("pop3.interval = 2m\n"));
        Assert.Equal("2m", edited.GetString("pop3.interval"));
        Assert.False(edited.IsOverridden("pop3.interval"));
        Assert.Contains(_log.Lines, l => l.Contains("pop3.interval: the configuration file changed"));
    }

    [Fact]
    public void A_damaged_blob_is_ignored_and_logged()
    {
        Open().TrySet("pop3.interval", "5m", out _);
        var blob = _store.Read(CommandSettings.StoreName)!;
        _store.Write(CommandSettings.StoreName, blob[..^3]);
        Assert.Equal("60s", Restarted().GetString("pop3.interval"));
        Assert.Contains(_log.Lines, l => l.StartsWith("Error settings changed by mail", StringComparison.Ordinal));
    }

    [Fact]
    public void When_the_store_fails_the_change_is_refused_and_not_kept_in_memory()
    {
        var config = CommandKit.Config();
        var s = new CommandSettings(config, new FailingStore(), _log);
        Assert.False(s.TrySet("pop3.interval", "5m", out string problem));
        Assert.Equal("could not be stored (IOException)", problem);
        Assert.Equal("60s", config.GetString("pop3.interval"));
        Assert.Equal(0, s.ChangedCount);
    }

    [Fact]
    public void Without_a_store_changes_live_in_memory()
    {
        var config = CommandKit.Config();
        var s = new CommandSettings(config);
        Assert.True(s.TrySet("sensor.interval", "30s", out _));
        Assert.Equal(30_000, config.GetDurationMs("sensor.interval"));
        Assert.Empty(_store.Blobs);
    }

    [Fact]
    public void A_stored_change_for_a_rule_no_longer_declared_is_dropped()
    {
        Open().TrySet("rule.hot.above", "40", out _);
        var withoutRule = GatewayConfig.Parse(ConfigText.Replace("rule.hot.sensor = temp\n", "").Replace("rule.hot.above = 30\n", "")).Config!;
        var s = Open(withoutRule);
        Assert.Equal(0, s.ChangedCount);
    }

    [Fact]
    public void A_change_is_an_override_the_configuration_answers_with_and_announces()
    {
        var config = CommandKit.Config();
        var changed = new List<string>();
        config.Changed += changed.Add;
        Assert.True(Open(config).TrySet("rule.hot.above", "35.5", out _));
        Assert.Equal(35.5, config.GetNumber("rule.hot.above"));
        Assert.Equal("30", config.FileValue("rule.hot.above"));
        Assert.Equal(["rule.hot.above"], changed);
        Assert.Contains("rule.hot.above = 35.5  # set by mail\n", config.ToMaskedText());
    }

    [Fact]
    public void A_value_the_keys_rules_refuse_is_not_taken()
    {
        var config = CommandKit.Config();
        var s = Open(config);
        Assert.False(s.TrySet("sensor.interval", "10ms", out string problem));
        Assert.Contains("shorter than the least allowed", problem);
        Assert.False(s.TrySet("rule.hot.hysteresis", "-1", out problem));
        Assert.Equal("a hysteresis cannot be negative", problem);
        Assert.Equal(0, s.ChangedCount);
        Assert.Null(_store.Read(CommandSettings.StoreName));
    }
}
