using System;
using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>One key's value, from a line of the file or from the schema's default, and its typed reading.</summary>
internal sealed class ConfigEntry
{
    // Few fields on purpose: a configuration keeps an entry per key the file set, and every field is 12
    // bytes on the device. The row's kind, where its '*' is and the line share _bits; the row itself is a
    // constant of the schema (a reference, no copy), read again for what is seldom asked (secrecy).
    const int KindMask = 0xFF;
    const int StarShift = 8;   // 1 + the index of the '*' segment of a pattern key; 0 for other keys
    const int StarMask = 0xF;
    const int LineShift = 12;  // the line it was set on; 0 for a default

    /// <summary>The last line number an entry can hold (a file longer than this is refused).</summary>
    public const int MaxLine = int.MaxValue >> LineShift;

    readonly string _row;
    readonly string? _name; // a pattern key's concrete name; any other key's name is its row's
    readonly int _bits;

    /// <summary>
    /// An entry of the key whose schema row is <paramref name="row"/>, set on <paramref name="line"/> (0: a
    /// default). <paramref name="name"/> is the concrete name, needed only for a pattern row (null is fine otherwise).
    /// </summary>
    public ConfigEntry(string? name, string value, int line, string row)
    {
        int star = SchemaRow.StarSegment(row);
        _name = star != 0 ? name : null;
        Value = value;
        _row = row;
        _bits = SchemaRow.Kind(row) | (star << StarShift) | ((line < 0 ? 0 : line) << LineShift);
    }

    /// <summary>The concrete key ("rule.hot.above", never a pattern); for a key without '*' a copy of its row's name (for messages and listings).</summary>
    public string Name => _name ?? Ascii.Slice(_row, 0, SchemaRow.NameEnd(_row));

    /// <summary>The schema row of the key (a constant of the schema).</summary>
    public string Row => _row;

    /// <summary>Whether this is the entry of the concrete <paramref name="key"/>; no copy is made.</summary>
    public bool Is(string key) => _name != null ? _name == key : SchemaRow.NameIs(_row, key);

    /// <summary>Whether the entry's name is row[start, end) with each '*' read as name[nameStart, nameEnd) (see <see cref="SchemaRow.NameWithStarIs"/>).</summary>
    public bool IsNamed(string row, int start, int end, string? name, int nameStart, int nameEnd) =>
        _name != null ? SchemaRow.NameWithStarIs(row, start, end, name, nameStart, nameEnd, _name, 0, _name.Length)
            : SchemaRow.NameWithStarIs(row, start, end, name, nameStart, nameEnd, _row, 0, SchemaRow.NameEnd(_row));

    /// <summary>The trimmed text after '='.</summary>
    public string Value { get; }

    /// <summary>The line it was set on; 0 for a default.</summary>
    public int Line => _bits >> LineShift;

    public bool IsDefault => Line == 0;

    public ConfigKind Kind => (ConfigKind)(_bits & KindMask);

    public bool IsSecret => SchemaRow.IsSecret(_row);

    /// <summary>The entry sets a pattern key (its schema row has a '*').</summary>
    public bool IsPattern => ((_bits >> StarShift) & StarMask) != 0;

    /// <summary>The NAME this entry puts in its pattern's '*' ("hot" for rule.hot.above); null for other keys.</summary>
    public string? PatternName
    {
        get
        {
            if (!IsPattern) return null;
            Segment(((_bits >> StarShift) & StarMask) - 1, out int start, out int end);
            return Ascii.Slice(_name!, start, end - start);
        }
    }

    /// <summary>The part of the name before the NAME ("rule" for rule.hot.above); null for other keys.</summary>
    public string? Group
    {
        get
        {
            if (!IsPattern) return null;
            Segment(((_bits >> StarShift) & StarMask) - 1, out int start, out _);
            return start == 0 ? "" : Ascii.Slice(_name!, 0, start - 1);
        }
    }

    /// <summary>Whether the entry sets a pattern key of <paramref name="group"/> (the part before the '*': "rule").</summary>
    public bool InGroup(string group)
    {
        if (!IsPattern) return false;
        Segment(((_bits >> StarShift) & StarMask) - 1, out int start, out _);
        int length = start == 0 ? 0 : start - 1;
        return group.Length == length && Ascii.RegionEquals(_name!, 0, group, 0, length);
    }

    /// <summary>A port, whole number, duration in ms, bool (0/1) or TLS mode: filled by ConfigParser.Check according to Kind.</summary>
    public int Number;

    public bool Flag => Number != 0;

    public TlsMode Tls => (TlsMode)Number;

    // Decimal numbers, lists and base64 keep only their checked text and are read from it when asked: an
    // object per entry for them would be 12 bytes more on every entry, and they are read once, at start.

    public double Real => ConfigValues.TryParseNumber(Value, out double d) ? d : 0;

    /// <summary>The items of a list, trimmed (a new array each time).</summary>
    public string[] Items => ConfigValues.SplitList(Value);

    /// <summary>The decoded bytes of a base64 value (a new array each time).</summary>
    public byte[] Bytes => Convert.FromBase64String(Value);

    /// <summary>Whether this pattern entry belongs to the pattern <paramref name="row"/>'s group (the part before its '*': "rule").</summary>
    public bool SameGroup(string row)
    {
        NameRange(out int start, out _);
        int star = row.IndexOf('*');
        return star == start && Ascii.RegionEquals(_name!, 0, row, 0, start);
    }

    /// <summary>Whether two pattern entries share group and NAME (rule.hot.above and rule.hot.below).</summary>
    public bool SameGroupAndName(ConfigEntry other)
    {
        NameRange(out int start, out int end);
        other.NameRange(out int otherStart, out int otherEnd);
        return start == otherStart && end == otherEnd && Ascii.RegionEquals(_name!, 0, other._name!, 0, end);
    }

    /// <summary>Where the NAME lies in <see cref="Name"/> (for a pattern key).</summary>
    internal void NameRange(out int start, out int end) => Segment(((_bits >> StarShift) & StarMask) - 1, out start, out end);

    void Segment(int index, out int start, out int end)
    {
        start = 0;
        for (int i = 0; i < index; i++) start = _name!.IndexOf('.', start) + 1;
        end = _name!.IndexOf('.', start);
        if (end < 0) end = _name.Length;
    }
}
