using System;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// One row of a schema table (<see cref="ConfigSchema"/>), read from its line of text:
/// <c>name | kind | default | flags | rules | description</c>. A name may hold '*' segments, each
/// standing for one NAME ([a-z0-9_-]+): <c>rule.*.above</c>. Flags are words (<c>required</c>,
/// <c>secret</c>); rules are <c>range=MIN..MAX</c> (durations with their unit), <c>requires=K,K</c>,
/// <c>excludes=K,K</c> and <c>default-by=KEY:VALUE=DEFAULT,VALUE=DEFAULT</c>. A key is made when asked
/// for and read on demand: the table itself is a constant of the assembly, which on the device stays
/// in flash instead of the managed heap.
/// </summary>
public sealed class ConfigKey
{
    // Few fields on purpose: a configuration keeps the key of each entry it holds, and every field is
    // 12 bytes on the device. The other fields of the row are found again when read.
    readonly string _row;
    readonly int _bits; // kind | Required | Secret

    const int KindMask = 0xFF;
    const int RequiredBit = 0x100;
    const int SecretBit = 0x200;

    const int KindField = 1, DefaultField = 2, FlagsField = 3, RulesField = 4, DescriptionField = 5;

    /// <exception cref="ArgumentException">The row is malformed (too few fields, an unknown kind, flag or rule).</exception>
    internal ConfigKey(string row)
    {
        _row = row;
        FieldAt(DescriptionField, out _, out _); // all six fields are there
        Name = Field(0);

        FieldAt(KindField, out int kindStart, out int kindEnd);
        int kind = KindOf(_row, kindStart, kindEnd - kindStart);
        if (kind < 0) throw new ArgumentException(Name + ": unknown kind '" + Field(KindField) + "'");
        _bits = kind;
        FieldAt(FlagsField, out int flagsStart, out int flagsEnd);
        if (Is(flagsStart, flagsEnd, "required")) _bits |= RequiredBit;
        else if (Is(flagsStart, flagsEnd, "secret")) _bits |= SecretBit;
        else if (flagsEnd > flagsStart)
            throw new ArgumentException(Name + ": unknown flags '" + Field(FlagsField) + "' (required or secret)");
        // A key named like a secret is one even if the table forgot to say so.
        if (ConfigSchema.LooksSecret(Name)) _bits |= SecretBit;
        Range(out _, out _); // a malformed range is refused with the row
    }

    /// <summary>The name as written in the table ("rule.*.above" for a pattern).</summary>
    public string Name { get; }

    public ConfigKind Kind => (ConfigKind)(_bits & KindMask);

    /// <summary>The default as it would be written in the file, or null (no default).</summary>
    public string? Default
    {
        get
        {
            string text = Field(DefaultField);
            return text.Length == 0 ? null : text;
        }
    }

    public bool IsRequired => (_bits & RequiredBit) != 0;

    public bool IsSecret => (_bits & SecretBit) != 0;

    public string Description => Field(DescriptionField);

    /// <summary>True when the name has a '*' (NAME) segment.</summary>
    public bool IsPattern => Name.IndexOf('*') >= 0;

    /// <summary>Least value: of a number, of a duration in ms, of the decoded length of base64.</summary>
    public int Min
    {
        get
        {
            Range(out int min, out _);
            return min;
        }
    }

    /// <summary>Greatest value, in the same unit as <see cref="Min"/>.</summary>
    public int Max
    {
        get
        {
            Range(out _, out int max);
            return max;
        }
    }

    /// <summary>The key whose value chooses this key's default (<c>default-by</c>), or null.</summary>
    public string? DefaultKey
    {
        get
        {
            string? by = Rule("default-by");
            if (by == null) return null;
            int colon = by.IndexOf(':');
            return colon < 0 ? by : Ascii.Slice(by, 0, colon);
        }
    }

    /// <summary>Keys that must be set whenever this one is ('*' stands for this key's own NAME).</summary>
    public string[] RequiredKeys => List(Rule("requires"));

    /// <summary>Keys that may not be set together with this one.</summary>
    public string[] ExcludedKeys => List(Rule("excludes"));

    /// <summary>The default when <see cref="DefaultKey"/> has the value <paramref name="other"/> (null: not set).</summary>
    public string? DefaultFor(string? other)
    {
        var cases = Cases();
        if (other != null)
            for (int i = 0; i < cases.Length; i++)
            {
                int eq = cases[i].IndexOf('=');
                if (eq > 0 && Ascii.EqualsIgnoreCase(Ascii.Slice(cases[i], 0, eq), other))
                    return Ascii.Slice(cases[i], eq + 1);
            }
        return Default;
    }

    /// <summary>Every default this key can take (for checking a schema).</summary>
    public string[] PossibleDefaults()
    {
        var cases = Cases();
        string? d = Default;
        int n = d == null ? 0 : 1;
        var all = new string[n + cases.Length];
        if (d != null) all[0] = d;
        for (int i = 0; i < cases.Length; i++)
            all[n + i] = Ascii.Slice(cases[i], cases[i].IndexOf('=') + 1);
        return all;
    }

    /// <summary>Why <paramref name="value"/> is not a valid value of this key as <paramref name="name"/> (a concrete name), or null when it is.</summary>
    public string? Check(string name, string value) => ConfigParser.Check(new ConfigEntry(name, value, -1, this), this);

    public override string ToString() => Name;

    /// <summary>The (value=default) pairs of <c>default-by</c>.</summary>
    string[] Cases()
    {
        string? by = Rule("default-by");
        int colon = by == null ? -1 : by.IndexOf(':');
        return colon < 0 ? new string[0] : Ascii.Slice(by!, colon + 1).Split(',');
    }

    /// <summary>The value of rule <paramref name="rule"/> (the text after "rule="), or null when the row has none.</summary>
    string? Rule(string rule)
    {
        FieldAt(RulesField, out int i, out int end);
        while (i < end)
        {
            while (i < end && Ascii.IsBlank(_row[i])) i++;
            int tokenEnd = i;
            while (tokenEnd < end && !Ascii.IsBlank(_row[tokenEnd])) tokenEnd++;
            if (tokenEnd - i > rule.Length && _row[i + rule.Length] == '=' && Ascii.RegionEquals(_row, i, rule, 0, rule.Length))
                return Ascii.Slice(_row, i + rule.Length + 1, tokenEnd - i - rule.Length - 1);
            i = tokenEnd;
        }
        return null;
    }

    bool Bound(string text, out int value) =>
        Kind == ConfigKind.Duration ? ConfigValues.ParseDurationMs(text, out value) == null : Ascii.TryParseInt(text, out value);

    static string[]? s_none;

    static string[] List(string? text) => text == null ? s_none ?? (s_none = new string[0]) : text.Split(',');

    /// <summary>The range rule, or the kind's own bounds (ports 1-65535, anything else 0 up).</summary>
    void Range(out int min, out int max)
    {
        min = Kind == ConfigKind.Port ? 1 : 0;
        max = Kind == ConfigKind.Port ? 65535 : int.MaxValue;
        string? range = Rule("range");
        if (range == null) return;
        int dots = Ascii.IndexOf(range, "..", 0);
        if (dots < 0 || !Bound(Ascii.Slice(range, 0, dots), out min) || !Bound(Ascii.Slice(range, dots + 2), out max) || min > max)
            throw new ArgumentException(Name + ": malformed range '" + range + "' (MIN..MAX, the minimum not above the maximum)");
    }

    /// <summary>Where field <paramref name="index"/> lies in the row ('|' separated; the description, last, may hold '|').</summary>
    void FieldAt(int index, out int start, out int end)
    {
        if (!FieldIn(_row, index, out start, out end))
            throw new ArgumentException("schema row '" + Ascii.Excerpt(_row, 40) + "' has fewer than 6 fields (name | kind | default | flags | rules | description)");
    }

    /// <summary>Field <paramref name="index"/> of <paramref name="row"/>, trimmed; false when the row has fewer fields.</summary>
    static bool FieldIn(string row, int index, out int start, out int end)
    {
        start = 0;
        end = row.Length;
        for (int i = 0; i < index; i++)
        {
            int bar = row.IndexOf('|', start);
            if (bar < 0) return false;
            start = bar + 1;
        }
        if (index != DescriptionField)
        {
            int bar = row.IndexOf('|', start);
            if (bar >= 0) end = bar;
        }
        while (start < end && Ascii.IsBlank(row[start])) start++;
        while (end > start && Ascii.IsBlank(row[end - 1])) end--;
        return true;
    }

    string Field(int index)
    {
        FieldAt(index, out int start, out int end);
        return Ascii.Slice(_row, start, end - start);
    }

    bool Is(int start, int end, string word) => end - start == word.Length && Ascii.RegionEquals(_row, start, word, 0, word.Length);

    /// <summary>Whether row [start, end) of <paramref name="table"/> has the <c>required</c> flag: read in place, without making the key.</summary>
    internal static bool IsRequiredRow(string row)
    {
        if (!FieldIn(row, FlagsField, out int flagsStart, out int flagsEnd)) return false;
        return flagsEnd - flagsStart == 8 && Ascii.RegionEquals(row, flagsStart, "required", 0, 8);
    }

    /// <summary>The kind written at <paramref name="start"/>; -1 when unknown. Compared in place: no copy per row.</summary>
    static int KindOf(string s, int start, int length)
    {
        for (int kind = 0; kind <= (int)ConfigKind.Number; kind++)
        {
            string name = TableWord((ConfigKind)kind);
            if (name.Length == length && Ascii.RegionEquals(s, start, name, 0, length)) return kind;
        }
        return -1;
    }

    /// <summary>A kind as the table writes it.</summary>
    static string TableWord(ConfigKind kind)
    {
        switch (kind)
        {
            case ConfigKind.Text: return "text";
            case ConfigKind.Identifier: return "identifier";
            case ConfigKind.Host: return "host";
            case ConfigKind.Port: return "port";
            case ConfigKind.Int: return "int";
            case ConfigKind.Bool: return "bool";
            case ConfigKind.Duration: return "duration";
            case ConfigKind.Tls: return "tls";
            case ConfigKind.Address: return "address";
            case ConfigKind.AddressList: return "address-list";
            case ConfigKind.List: return "list";
            case ConfigKind.Base64: return "base64";
            case ConfigKind.Number: return "number";
            default: return "unknown";
        }
    }
}
