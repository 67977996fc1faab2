using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>One key's value, from a line of the file or from the schema's default, and its typed reading.</summary>
internal sealed class ConfigEntry
{
    // Few fields on purpose: a configuration keeps an entry per key the file set, and every field is 12
    // bytes on the device. The row's kind and secrecy, and where its '*' is, are copied into _bits, so
    // an entry does not keep its schema row alive.
    const int KindMask = 0xFF;
    const int SecretBit = 0x100;
    const int StarShift = 12; // 1 + the index of the '*' segment of a pattern key; 0 for other keys

    readonly int _bits;

    public ConfigEntry(string name, string value, int line, ConfigKey key)
    {
        Name = name;
        Value = value;
        Line = line;
        _bits = (int)key.Kind | (key.IsSecret ? SecretBit : 0) | (StarSegment(key.Name) << StarShift);
    }

    /// <summary>The concrete key ("rule.hot.above", never a pattern).</summary>
    public string Name { get; }

    /// <summary>The trimmed text after '='.</summary>
    public string Value { get; }

    /// <summary>The line it was set on; 0 for a default.</summary>
    public int Line { get; }

    public bool IsDefault => Line == 0;

    public ConfigKind Kind => (ConfigKind)(_bits & KindMask);

    public bool IsSecret => (_bits & SecretBit) != 0;

    /// <summary>The entry sets a pattern key (its schema row has a '*').</summary>
    public bool IsPattern => (_bits >> StarShift) != 0;

    /// <summary>The NAME this entry puts in its pattern's '*' ("hot" for rule.hot.above); null for other keys.</summary>
    public string? PatternName
    {
        get
        {
            if (!IsPattern) return null;
            Segment((_bits >> StarShift) - 1, out int start, out int end);
            return Ascii.Slice(Name, start, end - start);
        }
    }

    /// <summary>The part of the name before the NAME ("rule" for rule.hot.above); null for other keys.</summary>
    public string? Group
    {
        get
        {
            if (!IsPattern) return null;
            Segment((_bits >> StarShift) - 1, out int start, out _);
            return start == 0 ? "" : Ascii.Slice(Name, 0, start - 1);
        }
    }

    /// <summary>Whether the entry sets a pattern key of <paramref name="group"/> (the part before the '*': "rule").</summary>
    public bool InGroup(string group)
    {
        if (!IsPattern) return false;
        Segment((_bits >> StarShift) - 1, out int start, out _);
        int length = start == 0 ? 0 : start - 1;
        return group.Length == length && Ascii.RegionEquals(Name, 0, group, 0, length);
    }

    // Filled by ConfigParser.Check according to Kind.

    /// <summary>A port, whole number, duration in ms, bool (0/1) or TLS mode.</summary>
    public int Number;

    /// <summary>The items of a list (string[]), the bytes of base64 (byte[]) or a decimal number (double).</summary>
    public object? Parsed;

    public bool Flag => Number != 0;

    public TlsMode Tls => (TlsMode)Number;

    public double Real => Parsed is double d ? d : 0;

    public string[]? Items => Parsed as string[];

    public byte[]? Bytes => Parsed as byte[];

    /// <summary>1 + the index of the first '*' segment of a name; 0 when it has none.</summary>
    static int StarSegment(string pattern)
    {
        int segment = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*') return segment + 1;
            if (pattern[i] == '.') segment++;
        }
        return 0;
    }

    void Segment(int index, out int start, out int end)
    {
        start = 0;
        for (int i = 0; i < index; i++) start = Name.IndexOf('.', start) + 1;
        end = Name.IndexOf('.', start);
        if (end < 0) end = Name.Length;
    }
}
