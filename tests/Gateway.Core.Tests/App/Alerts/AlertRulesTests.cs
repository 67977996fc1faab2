using System.Collections;
using Gateway.App.Alerts;
using Gateway.Core.Config;

namespace Gateway.Core.Tests.App.Alerts;

public class AlertRulesTests
{
    const string Base = "device.id = d\nsmtp.host = h\nsmtp.from = d@x.test\nalert.to = o@x.test\nsensor.temp.unit = C\n";

    static (AlertRule[] rules, string[] errors) Build(string extra)
    {
        var parsed = GatewayConfig.Parse(Base + extra);
        Assert.True(parsed.IsValid, parsed.ToString());
        var errors = new ArrayList();
        var rules = AlertRules.FromConfig(parsed.Config!, errors);
        return (rules, errors.Cast<string>().ToArray());
    }

    [Fact]
    public void Rules_are_read_with_their_defaults()
    {
        var (rules, errors) = Build("rule.hot.sensor = temp\nrule.hot.above = 30.5\nrule.cold.sensor = temp\nrule.cold.below = -2\nrule.cold.hysteresis = 0.5\nrule.cold.interval = 1h\nrule.cold.recovery = false\n");
        Assert.Empty(errors);
        Assert.Equal(2, rules.Length);
        var hot = rules.Single(r => r.Name == "hot");
        Assert.Equal((AlertDirection.Above, 30.5, 0.0, AlertRules.DefaultIntervalMs, true), (hot.Direction, hot.Threshold, hot.Hysteresis, hot.MinIntervalMs, hot.SendRecovery));
        var cold = rules.Single(r => r.Name == "cold");
        Assert.Equal((AlertDirection.Below, -2.0, 0.5, 3_600_000L, false), (cold.Direction, cold.Threshold, cold.Hysteresis, cold.MinIntervalMs, cold.SendRecovery));
    }

    [Fact]
    public void A_rule_without_a_direction_is_an_error_naming_it()
    {
        var (rules, errors) = Build("rule.hot.sensor = temp\n");
        Assert.Empty(rules);
        Assert.Contains(errors, e => e.Contains("rule.hot.above") && e.Contains("needs one of them"));
    }

    [Fact]
    public void A_rule_on_an_undeclared_sensor_is_an_error_naming_it()
    {
        var (_, errors) = Build("rule.hot.sensor = humidity\nrule.hot.above = 80\n");
        Assert.Contains(errors, e => e.Contains("no sensor \"humidity\""));
    }

    [Fact]
    public void Above_and_below_together_are_refused_by_the_schema()
    {
        var parsed = GatewayConfig.Parse(Base + "rule.hot.sensor = temp\nrule.hot.above = 1\nrule.hot.below = 0\n");
        Assert.False(parsed.IsValid);
        Assert.Contains("rule.hot.below", parsed.ToString());
    }
}
