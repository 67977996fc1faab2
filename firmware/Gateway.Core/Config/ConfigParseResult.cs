namespace Gateway.Core.Config;

/// <summary>The outcome of parsing: a configuration, or every error found (never both).</summary>
public sealed class ConfigParseResult
{
    internal ConfigParseResult(GatewayConfig? config, ConfigError[] errors)
    {
        Config = config;
        Errors = errors;
    }

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
