using Gateway.Core.Config;

namespace Gateway.Core.Tests.Config;

/// <summary>Keys with a NAME segment (<c>rule.*.above</c>), as later features add them, on a schema of their own.</summary>
public class ConfigPatternTests
{
    static readonly ConfigSchema Schema = new("""
        device.id         | identifier |    | required |                       | the device
        sensor.*.pin      | int        |    | required | range=0..39           | the sensor's ADC pin
        rule.*.sensor     | identifier |    | required |                       | the sensor the rule watches
        rule.*.above      | int        |    |          |                       | fire above this reading
        rule.*.hysteresis | int        | 1  |          | requires=rule.*.above | how far back before it fires again
        rule.*.interval   | duration   | 5m |          |                       | least time between two alerts
        relay.*.password  | text       |    |          |                       | a relay board's password
        """);

    static GatewayConfig Good(string text)
    {
        var result = GatewayConfig.Parse(text, Schema);
        Assert.True(result.IsValid, result.ToString());
        return result.Config!;
    }

    [Fact]
    public void Pattern_keys_are_read_for_each_name()
    {
        var c = Good("device.id = d\nrule.hot.sensor = boiler\nrule.hot.above = 80\nrule.cold.sensor = boiler\n");
        Assert.Equal("boiler", c.GetString("rule.hot.sensor"));
        Assert.Equal(80, c.GetInt("rule.hot.above"));
        Assert.False(c.Has("rule.cold.above"));
    }

    [Fact]
    public void Names_of_a_group_are_listed_in_order_of_first_use()
    {
        var c = Good("device.id = d\nrule.hot.sensor = s\nsensor.boiler.pin = 34\nrule.cold.sensor = s\nrule.hot.above = 3\nrule.rate_2.sensor = s\n");
        Assert.Equal(new[] { "hot", "cold", "rate_2" }, c.GetNames("rule"));
        Assert.Equal(new[] { "boiler" }, c.GetNames("sensor"));
        Assert.Empty(c.GetNames("relay"));
    }

    [Fact]
    public void Pattern_defaults_apply_to_each_name()
    {
        var c = Good("device.id = d\nrule.hot.sensor = s\nrule.cold.sensor = s\nrule.cold.interval = 1h\n");
        Assert.Equal(300_000, c.GetDurationMs("rule.hot.interval"));
        Assert.Equal(3_600_000, c.GetDurationMs("rule.cold.interval"));
        Assert.False(c.IsSet("rule.hot.interval"));
        Assert.Contains("rule.hot.interval = 5m  # default\n", c.ToMaskedText());
    }

    [Fact]
    public void Keys_list_pattern_keys_after_the_fixed_ones_grouped_by_name()
    {
        var c = Good("rule.hot.above = 3\nrule.hot.sensor = s\ndevice.id = d\n");
        Assert.Equal(new[] { "device.id", "rule.hot.sensor", "rule.hot.above", "rule.hot.hysteresis", "rule.hot.interval" }, c.Keys);
    }

    [Fact]
    public void Required_pattern_key_is_missing_for_a_name_that_uses_the_group()
    {
        var result = GatewayConfig.Parse("device.id = d\nrule.hot.above = 3\n", Schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.Line);
        Assert.Equal("rule.hot.sensor", error.Key);
        Assert.Equal("rule.hot.sensor: required key is missing (the sensor the rule watches)", error.ToString());
    }

    [Fact]
    public void Pattern_requirement_uses_the_same_name()
    {
        var result = GatewayConfig.Parse("device.id = d\nrule.hot.sensor = s\nrule.cold.sensor = s\nrule.cold.above = 1\nrule.hot.hysteresis = 2\n", Schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 5: rule.hot.hysteresis: needs rule.hot.above, which is not set", error.ToString());
    }

    [Fact]
    public void Bad_value_of_a_pattern_key_names_the_concrete_key()
    {
        var result = GatewayConfig.Parse("device.id = d\nsensor.boiler.pin = 40\n", Schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 2: sensor.boiler.pin: \"40\" is out of range (0-39)", error.ToString());
    }

    [Fact]
    public void Misspelt_pattern_field_suggests_the_key_with_the_same_name()
    {
        var result = GatewayConfig.Parse("device.id = d\nrule.hot.sensor = s\nrule.hot.abvoe = 1\n", Schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3: rule.hot.abvoe: unknown key (did you mean rule.hot.above?)", error.ToString());
    }

    [Fact]
    public void Name_is_exactly_one_segment()
    {
        var result = GatewayConfig.Parse("device.id = d\nrule.hot.spot.sensor = s\n", Schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("unknown key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_pattern_key_names_both_lines()
    {
        var result = GatewayConfig.Parse("device.id = d\nrule.hot.sensor = s\nRULE.HOT.SENSOR = t\n", Schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3: rule.hot.sensor: duplicate key: already set on line 2 (this line is ignored)", error.ToString());
    }

    [Fact]
    public void Secret_pattern_key_is_masked()
    {
        var c = Good("device.id = d\nrelay.pump.password = Xyzzy42\n");
        Assert.Equal("Xyzzy42", c.GetString("relay.pump.password"));
        Assert.Contains("relay.pump.password = ********\n", c.ToMaskedText());
        Assert.DoesNotContain("Xyzzy", c.ToMaskedText());
    }
}
