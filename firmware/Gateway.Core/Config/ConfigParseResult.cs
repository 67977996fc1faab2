namespace Gateway.Core.Config;

/// <summary>The outcome of parsing: a configuration, or every error found (never both).</summary>
public sealed class ConfigParseResult
{
    internal ConfigParseResult(GatewayConfig? config, ConfigError[] errors)
    {
        Config = config;
        Errors = errors;
    }

    /// <summary>A file that could not be read at all (not one of its lines): one error for the whole file.</summary>
    internal static ConfigParseResult Failed(string why) => new ConfigParseResult(null, new ConfigError[] { new ConfigError(0, "", why) });

    /// <summary>The configuration; null when there are errors.</summary>
    public GatewayConfig? Config { get; }

    /// <summary>Line errors in line order, then missing keys; empty when the file is good.</summary>
    public ConfigError[] Errors { get; }

    public bool IsValid => Errors.Length == 0;

    /// <summary>One error per line, or "ok".</summary>
    public override string ToString()
    {
        if (Errors.Length == 0) return "ok";
        string text = "";
        for (int i = 0; i < Errors.Length; i++)
            text = (i == 0 ? "" : text + "\n") + Errors[i].ToString();
        return text;
    }
}
