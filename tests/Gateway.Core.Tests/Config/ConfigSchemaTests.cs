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

    /// <summary>What a command-mail key (pop3.*, imap.*) needs beside it: its group's host, user and the command key.</summary>
    static string Needs(ConfigKey k)
    {
        if (!k.Name.StartsWith("pop3.", StringComparison.Ordinal) && !k.Name.StartsWith("imap.", StringComparison.Ordinal)) return "";
        string group = k.Name[..5];
        return (k.Name == group + "host" ? "" : group + "host = p.example.org\n") + group + "user = u\ncommand.key = " + ConfigValueTests.Key16 + "\n";
    }

    [Fact]
    public void Every_gateway_key_has_a_description()
    {
        foreach (var k in GatewaySchema.Instance.Keys)
            Assert.False(string.IsNullOrWhiteSpace(k.Description), k.Name);
    }

    [Fact]
    public void Schema_refuses_a_key_listed_twice()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfigSchema("a.b | text | | | | one\na.b | int | | | | two\n"));
        Assert.Contains("a.b", e.Message);
    }

    [Fact]
    public void Schema_refuses_a_rule_naming_a_key_it_lacks()
    {
        Assert.Throws<ArgumentException>(() => new ConfigSchema("a.b | text | | | requires=a.c | one\n"));
    }

    [Theory]
    [InlineData("a.b | txt | | | | an unknown kind", "unknown kind 'txt'")]
    [InlineData("a.b | text | | optional | | unknown flags", "unknown flags 'optional'")]
    [InlineData("a.b | int | | | range=9..1 | a range upside down", "malformed range '9..1'")]
    [InlineData("a.b | int | | | range=1-9 | a range without ..", "malformed range '1-9'")]
    [InlineData("a.b | int | | |", "has fewer than 6 fields")]
    public void Schema_refuses_a_malformed_row_naming_what_is_wrong(string row, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfigSchema(row + "\n"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Command_keys_are_held_to_the_least_length_the_signer_and_verifier_use()
    {
        Assert.Equal(GatewaySchema.MinCommandKeyBytes, GatewaySchema.Instance.Find("command.key")!.Min);
    }

    [Fact]
    public void A_row_reads_every_field_and_rule()
    {
        var k = GatewaySchema.Instance.Find("pop3.port")!;
        Assert.Equal(ConfigKind.Port, k.Kind);
        Assert.Equal("110", k.Default);
        Assert.Equal("pop3.tls", k.DefaultKey);
        Assert.Equal("995", k.DefaultFor("implicit"));
        Assert.Equal("110", k.DefaultFor("starttls"));
        Assert.Equal(new[] { "110", "995" }, k.PossibleDefaults());
        Assert.Equal(new[] { "pop3.host" }, k.RequiredKeys);
        Assert.Empty(k.ExcludedKeys);
        Assert.Equal(1, k.Min);
        Assert.Equal(65535, k.Max);
        Assert.False(k.IsRequired);
        Assert.False(k.IsSecret);
        var t = GatewaySchema.Instance.Find("smtp.timeout")!;
        Assert.Equal(1000, t.Min);
        Assert.Equal(3600 * 1000, t.Max);
        Assert.True(GatewaySchema.Instance.Find("pop3.password")!.IsSecret);
        Assert.Equal("rule.*.above", GatewaySchema.Instance.Find("rule.hot.above")!.Name);
    }

    [Theory]
    [InlineData("Smtp.host")]
    [InlineData("smtp..host")]
    [InlineData("smtp.*x")]
    [InlineData("")]
    public void Schema_refuses_a_malformed_name(string name)
    {
        Assert.Throws<ArgumentException>(() => new ConfigSchema(name + " | text | | | | one\n"));
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
