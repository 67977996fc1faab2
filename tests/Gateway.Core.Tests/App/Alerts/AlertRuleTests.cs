using Gateway.App.Alerts;

namespace Gateway.Core.Tests.App.Alerts;

public class AlertRuleTests
{
    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);

    static AlertRule HighTemp(long intervalMs = 0) =>
        new("temp-high", "temperature", AlertDirection.Above, 30, 1, intervalMs, sendRecovery: true);

    [Fact]
    public void Crossing_the_threshold_alarms_once()
    {
        var r = HighTemp();
        Assert.Equal(AlertEvent.None, r.Evaluate(29.9, T0));
        Assert.Equal(AlertEvent.None, r.Evaluate(30.0, T0)); // "above" is strict
        Assert.Equal(AlertEvent.Alarm, r.Evaluate(30.1, T0));
        Assert.Equal(AlertEvent.None, r.Evaluate(35, T0));
        Assert.True(r.InAlarm);
    }

    [Fact]
    public void Hysteresis_keeps_a_hovering_value_from_flapping()
    {
        var r = HighTemp();
        r.Evaluate(30.5, T0);
        foreach (var v in new[] { 29.5, 30.2, 29.1, 30.4 })
            Assert.Equal(AlertEvent.None, r.Evaluate(v, T0));
        Assert.Equal(AlertEvent.Recovery, r.Evaluate(29.0, T0)); // threshold - hysteresis
        Assert.False(r.InAlarm);
    }

    [Fact]
    public void Below_rules_mirror_above_rules()
    {
        var r = new AlertRule("batt-low", "battery", AlertDirection.Below, 3.3, 0.1, 0, sendRecovery: true);
        Assert.Equal(AlertEvent.Alarm, r.Evaluate(3.2, T0));
        Assert.Equal(AlertEvent.None, r.Evaluate(3.35, T0));
        Assert.Equal(AlertEvent.Recovery, r.Evaluate(3.4, T0));
    }

    [Fact]
    public void A_second_alarm_within_the_interval_is_suppressed_and_has_no_recovery()
    {
        var r = HighTemp(intervalMs: 600_000);
        Assert.Equal(AlertEvent.Alarm, r.Evaluate(31, T0));
        Assert.Equal(AlertEvent.Recovery, r.Evaluate(28, T0.AddMinutes(1)));
        Assert.Equal(AlertEvent.Suppressed, r.Evaluate(31, T0.AddMinutes(2)));
        Assert.Equal(AlertEvent.None, r.Evaluate(28, T0.AddMinutes(3))); // nothing was mailed, so no recovery
        Assert.Equal(AlertEvent.Alarm, r.Evaluate(31, T0.AddMinutes(10)));
        Assert.Equal(1, r.SuppressedCount);
    }

    [Fact]
    public void Recovery_mail_is_optional()
    {
        var r = new AlertRule("x", "s", AlertDirection.Above, 1, 0, 0, sendRecovery: false);
        Assert.Equal(AlertEvent.Alarm, r.Evaluate(2, T0));
        Assert.Equal(AlertEvent.None, r.Evaluate(0, T0));
    }

    [Fact]
    public void A_reading_that_is_not_a_number_changes_nothing()
    {
        var r = HighTemp();
        Assert.Equal(AlertEvent.None, r.Evaluate(double.NaN, T0));
        Assert.False(r.InAlarm);
    }

    [Fact]
    public void Alert_text_names_device_sensor_value_unit_threshold_time_and_uptime()
    {
        var r = HighTemp();
        r.Evaluate(31.25, T0);
        Assert.Equal("[demo-01] ALERT: temperature 31.25 °C is above 30 °C", AlertText.Subject(AlertEvent.Alarm, "demo-01", r, 31.25, "°C"));
        var body = AlertText.Body(AlertEvent.Alarm, "demo-01", r, 31.25, "°C", T0, 3_725_000);
        Assert.Contains("Device:  demo-01\r\n", body);
        Assert.Contains("Sensor:  temperature\r\n", body);
        Assert.Contains("Value:   31.25 °C\r\n", body);
        Assert.Contains("Rule:    temp-high (above 30 °C, hysteresis 1)\r\n", body);
        Assert.Contains("Time:    2026-11-27 08:00:00 UTC\r\n", body);
        Assert.Contains("Uptime:  1h 2m\r\n", body);
        Assert.Equal("[demo-01] recovered: temperature 28.5 °C", AlertText.Subject(AlertEvent.Recovery, "demo-01", r, 28.5, "°C"));
    }
}
