using Gateway.Core.Config;

namespace Gateway.Core.Tests.Config;

/// <summary>The schema table itself, and the helpers it is built on.</summary>
public class ConfigSchemaTests
{
    [Fact]
    public void Every_default_in_the_gateway_table_is_valid()
    {
        // Parsing a file with every default written out must succeed.
        var text = ConfigTestText.Minimal;
        foreach (var k in GatewaySchema.Instance.Keys)
            foreach (var d in k.PossibleDefaults())
            {
                var result = GatewayConfig.Parse(text + k.Name + " = " + d + "\n" + Needs(k));
                Assert.True(result.IsValid, k.Name + " = " + d + ": " + result);
            }
    }

    static string Needs(ConfigKey k) =>
        k.Name.StartsWith("pop3.", StringComparison.Ordinal) && k.Name != "pop3.host"
            ? "pop3.host = p.example.org\npop3.user = u\ncommand.key = " + ConfigValueTests.Key16 + "\n"
            : k.Name == "pop3.host" ? "pop3.user = u\ncommand.key = " + ConfigValueTests.Key16 + "\n" : "";

    [Fact]
    public void Every_gateway_key_has_a_description()
    {
        foreach (var k in GatewaySchema.Instance.Keys)
            Assert.False(string.IsNullOrWhiteSpace(k.Description), k.Name);
    }

    [Fact]
    public void Schema_refuses_a_key_listed_twice()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfigSchema(new[]
        {
            new ConfigKey("a.b", ConfigKind.Text, null, ConfigFlags.None, ""),
            new ConfigKey("a.b", ConfigKind.Int, null, ConfigFlags.None, ""),
        }));
        Assert.Contains("a.b", e.Message);
    }

    [Fact]
    public void Schema_refuses_a_rule_naming_a_key_it_lacks()
    {
        Assert.Throws<ArgumentException>(() => new ConfigSchema(new[]
        {
            new ConfigKey("a.b", ConfigKind.Text, null, ConfigFlags.None, "").Requires("a.c"),
        }));
    }

    [Theory]
    [InlineData("Smtp.host")]
    [InlineData("smtp..host")]
    [InlineData("smtp.*x")]
    [InlineData("")]
    public void Schema_refuses_a_malformed_name(string name)
    {
        Assert.Throws<ArgumentException>(() => new ConfigSchema(new[] { new ConfigKey(name, ConfigKind.Text, null, ConfigFlags.None, "") }));
    }

    [Theory]
    [InlineData("smtp.port", "smtp.prot", true)]  // swap
    [InlineData("smtp.port", "smtp.por", true)]   // delete
    [InlineData("smtp.port", "smtp.ports", true)] // insert
    [InlineData("smtp.port", "smtp.pert", true)]  // replace
    [InlineData("smtp.port", "smtp.port", false)] // same
    [InlineData("smtp.port", "smtp.tropp", false)]
    [InlineData("smtp.port", "smtp.po", false)]
    [InlineData("ab", "ba", true)]
    [InlineData("a", "", true)]
    public void One_edit_away_counts_insert_delete_replace_and_swap(string a, string b, bool expected)
    {
        Assert.Equal(expected, ConfigSchema.IsOneEditAway(a, b));
        Assert.Equal(expected, ConfigSchema.IsOneEditAway(b, a));
    }

    [Theory]
    [InlineData("rule.*.above", "rule.hot.above", true)]
    [InlineData("rule.*.above", "rule.hot.below", false)]
    [InlineData("rule.*.above", "rule.above", false)]
    [InlineData("rule.*.above", "rule.a.b.above", false)]
    public void Pattern_matches_one_name_segment(string pattern, string key, bool expected)
    {
        Assert.Equal(expected, ConfigSchema.Matches(pattern, key));
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(1_000, "1s")]
    [InlineData(90_000, "90s")]
    [InlineData(600_000, "10m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(0, "0ms")]
    public void Durations_format_in_their_largest_exact_unit(int ms, string text)
    {
        Assert.Equal(text, ConfigValues.FormatDuration(ms));
        Assert.Null(ConfigValues.ParseDurationMs(text, out int back));
        Assert.Equal(ms, back);
    }
}
