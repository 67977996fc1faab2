using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.App;

public class GatewayAppTests
{
    const string ConfigText = """
        device.id = boiler-1
        smtp.host = fake
        smtp.tls = none
        smtp.from = boiler-1@gateway.test
        alert.to = ops@gateway.test
        alert.retry = 10s
        sensor.interval = 10s
        sensor.temp.unit = °C
        rule.hot.sensor = temp
        rule.hot.above = 30
        rule.hot.hysteresis = 1
        """;

    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0);

    readonly ManualClock _clock = new(T0);
    readonly MemoryStore _store = new();
    readonly FakeSmtpServer _server = new();
    readonly SettableSensor _temp = new("temp");

    GatewayApp App() => App(GatewayConfig.Parse(ConfigText).Config!);

    GatewayApp App(GatewayConfig config)
    {
        return new GatewayApp(config, _server, _server, _store, _clock, NullLog.Instance, [_temp], [], new Random(7), "boiler-1.local");
    }

    [Fact]
    public void A_reading_past_the_threshold_mails_one_alert_then_a_recovery()
    {
        var app = App();
        app.Tick();
        Assert.Empty(_server.Accepted);

        _temp.Value = 31.5;
        _clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick();
        var alert = Assert.Single(_server.Accepted);
        Assert.Contains("Subject: =?utf-8?", alert); // "°C" makes it an encoded word
        Assert.Contains("Value:   31.5 °C", alert);
        Assert.Contains("Device:  boiler-1", alert);

        _clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick(); // still hot: no second mail
        Assert.Single(_server.Accepted);

        _temp.Value = 28.9;
        _clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick();
        Assert.Equal(2, _server.Accepted.Count);
        Assert.Contains("is back within its limit", _server.Accepted[1]);
    }

    [Fact]
    public void A_server_that_is_down_delays_the_alert_but_does_not_lose_it()
    {
        var app = App();
        _server.Fault = "down";
        _temp.Value = 35;
        app.Tick();
        Assert.Equal(1, app.Outbox.Count);
        Assert.Contains("Connection refused", app.LastError);

        for (int i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            app.Tick();
        }
        Assert.Empty(_server.Accepted);
        Assert.Equal(1, app.Outbox.Count);

        // Back up: the loop wakes at its own times (readings, the retry) and the alert goes out.
        _server.Fault = null;
        for (int wakes = 0; wakes < 20 && _server.Accepted.Count == 0; wakes++)
        {
            _clock.UtcNow = app.NextWakeUtc;
            app.Tick();
        }
        Assert.Single(_server.Accepted);
        Assert.Equal(0, app.Outbox.Count);
        Assert.Equal("", app.LastError);
    }

    [Fact]
    public void A_sensor_that_throws_does_not_stop_the_loop()
    {
        var app = App();
        _temp.Broken = true;
        app.Tick();
        Assert.True(double.IsNaN(app.LastReading(0)));
        _temp.Broken = false;
        _temp.Value = 40;
        _clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick();
        Assert.Single(_server.Accepted);
    }

    [Fact]
    public void Next_wake_is_the_next_reading_or_an_earlier_retry()
    {
        var app = App();
        app.Tick();
        Assert.Equal(T0.AddSeconds(10), app.NextWakeUtc);
    }

    [Fact]
    public void A_threshold_changed_in_the_configuration_retunes_the_rule_at_once()
    {
        // What a `set rule.hot.above 40` mail does: an override in the configuration, announced to the app.
        var config = GatewayConfig.Parse(ConfigText).Config!;
        var app = App(config);
        app.Tick();
        Assert.Null(config.Override("rule.hot.above", "40"));
        _temp.Value = 35;
        _clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick();
        Assert.Empty(_server.Accepted);

        config.ClearOverride("rule.hot.above"); // back to the file's 30
        _clock.Advance(TimeSpan.FromSeconds(10));
        app.Tick();
        Assert.Single(_server.Accepted);
    }

    [Fact]
    public void An_interval_changed_in_the_configuration_is_the_next_wait()
    {
        var config = GatewayConfig.Parse(ConfigText).Config!;
        var app = App(config);
        Assert.Null(config.Override("sensor.interval", "1m"));
        app.Tick();
        Assert.Equal(T0.AddMinutes(1), app.NextWakeUtc);
    }
}
