namespace Gateway.Core.Config;

/// <summary>Properties of a configuration key, combined with '|'.</summary>
[System.Flags]
public enum ConfigFlags
{
    None = 0,

    /// <summary>The file must set it (for a pattern key: for every NAME that appears in its group).</summary>
    Required = 1,

    /// <summary>Its value never appears in an error, a log line or a dump.</summary>
    Secret = 2,
}
