using Gateway.Core.Net;

namespace Gateway.Core.Config;

/// <summary>One key's value, from a line of the file or from the schema's default, and its typed reading.</summary>
internal sealed class ConfigEntry
{
    public ConfigEntry(string name, string value, int line, ConfigKey key, bool isDefault)
    {
        Name = name;
        Value = value;
        Line = line;
        Key = key;
        IsDefault = isDefault;
    }

    /// <summary>The concrete key ("rule.hot.above", never a pattern).</summary>
    public string Name { get; }

    /// <summary>The trimmed text after '='.</summary>
    public string Value { get; }

    /// <summary>The line it was set on; 0 for a default.</summary>
    public int Line { get; }

    public ConfigKey Key { get; }

    public bool IsDefault { get; }

    // Filled by ConfigParser.Check according to Key.Kind.
    public int Number;
    public double Real;
    public bool Flag;
    public TlsMode Tls;
    public string[]? Items;
    public byte[]? Bytes;
}
