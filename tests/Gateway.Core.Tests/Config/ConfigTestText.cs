using Gateway.Core.Config;

namespace Gateway.Core.Tests.Config;

/// <summary>Configuration texts and checks shared by the config tests.</summary>
static class ConfigTestText
{
    /// <summary>The four required keys, on lines 1-4; anything appended starts on line 5.</summary>
    public const string Minimal =
        "device.id = dev-1\n" +
        "smtp.host = mail.example.org\n" +
        "smtp.from = dev-1@example.org\n" +
        "alert.to = ops@example.org\n";

    public static ConfigParseResult Parse(string text) => GatewayConfig.Parse(text);

    public static GatewayConfig ParseGood(string text)
    {
        var result = GatewayConfig.Parse(text);
        Assert.True(result.IsValid, result.ToString());
        Assert.NotNull(result.Config);
        return result.Config!;
    }

    /// <summary>Asserts exactly one error, on <paramref name="line"/> and <paramref name="key"/>, and returns it.</summary>
    public static ConfigError SingleError(string text, int line, string key)
    {
        var result = GatewayConfig.Parse(text);
        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        AssertNames(error, line, key);
        return error;
    }

    /// <summary>The error names the line and the key, in its fields and in its text.</summary>
    public static void AssertNames(ConfigError error, int line, string key)
    {
        Assert.Equal(line, error.Line);
        Assert.Equal(key, error.Key);
        string prefix = (line > 0 ? "line " + line + ": " : "") + (key.Length > 0 ? key + ": " : "");
        Assert.StartsWith(prefix, error.ToString(), StringComparison.Ordinal);
    }
}
