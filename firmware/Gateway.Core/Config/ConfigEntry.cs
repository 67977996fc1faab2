using Gateway.Core.Net;

namespace Gateway.Core.Config;

/// <summary>One key's value, from a line of the file or from the schema's default, and its typed reading.</summary>
internal sealed class ConfigEntry
{
    public ConfigEntry(string name, string value, int line, ConfigKey key)
    {
        Name = name;
        Value = value;
        Line = line;
        Key = key;
    }

    /// <summary>The concrete key ("rule.hot.above", never a pattern).</summary>
    public string Name { get; }

    /// <summary>The trimmed text after '='.</summary>
    public string Value { get; }

    /// <summary>The line it was set on; 0 for a default.</summary>
    public int Line { get; }

    public ConfigKey Key { get; }

    public bool IsDefault => Line == 0;

    // Filled by ConfigParser.Check according to Key.Kind. Few fields on purpose: an object field costs
    // 12 bytes on the device, and a configuration holds one entry per key set.

    /// <summary>A port, whole number, duration in ms, bool (0/1) or TLS mode.</summary>
    public int Number;

    /// <summary>A decimal number.</summary>
    public double Real;

    /// <summary>The items of a list (string[]) or the bytes of base64 (byte[]).</summary>
    public object? Parsed;

    public bool Flag => Number != 0;

    public TlsMode Tls => (TlsMode)Number;

    public string[]? Items => Parsed as string[];

    public byte[]? Bytes => Parsed as byte[];
}
