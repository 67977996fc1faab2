using System;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// One row of a schema table (<see cref="ConfigSchema"/>), read from its line of text:
/// <c>name | kind | default | flags | rules | description</c>. A name may hold '*' segments, each
/// standing for one NAME ([a-z0-9_-]+): <c>rule.*.above</c>. Flags are words (<c>required</c>,
/// <c>secret</c>); rules are <c>range=MIN..MAX</c> (durations with their unit), <c>requires=K,K</c>,
/// <c>excludes=K,K</c> and <c>default-by=KEY:VALUE=DEFAULT,VALUE=DEFAULT</c>. The object view of a row
/// for tools and tests; the parser and the loop read rows in place (<see cref="SchemaRow"/>), so the
/// table stays a constant of the assembly (in flash on the device) and no key object is made per line.
/// </summary>
public sealed class ConfigKey
{
    readonly string _row;

    /// <exception cref="ArgumentException">The row is malformed (too few fields, an unknown kind, flag or rule).</exception>
    internal ConfigKey(string row)
    {
        _row = row;
        if (!SchemaRow.Field(row, SchemaRow.DescriptionField, out _, out _))
            throw new ArgumentException("schema row '" + Ascii.Excerpt(row, 40) + "' has fewer than 6 fields (name | kind | default | flags | rules | description)");
        Name = Ascii.Slice(row, 0, SchemaRow.NameEnd(row));
        if (SchemaRow.Kind(row) < 0)
            throw new ArgumentException(Name + ": unknown kind '" + Field(SchemaRow.KindField) + "'");
        SchemaRow.Field(row, SchemaRow.FlagsField, out int flagsStart, out int flagsEnd);
        if (flagsEnd > flagsStart && !SchemaRow.FlagsKnown(row))
            throw new ArgumentException(Name + ": unknown flags '" + Field(SchemaRow.FlagsField) + "' (required, secret, operator, operator-required)");
        if (!SchemaRow.Range(row, out _, out _) && SchemaRow.Rule(row, SchemaRow.RangeRule, out int start, out int end))
            throw new ArgumentException(Name + ": malformed range '" + Ascii.Slice(row, start, end - start) + "' (MIN..MAX, the minimum not above the maximum)");
    }

    /// <summary>The row's text, for reading it in place.</summary>
    internal string Row => _row;

    /// <summary>The name as written in the table ("rule.*.above" for a pattern).</summary>
    public string Name { get; }

    public ConfigKind Kind => (ConfigKind)SchemaRow.Kind(_row);

    /// <summary>The default as it would be written in the file, or null (no default).</summary>
    public string? Default
    {
        get
        {
            string text = Field(SchemaRow.DefaultField);
            return text.Length == 0 ? null : text;
        }
    }

    public bool IsRequired => SchemaRow.IsRequired(_row);

    /// <summary>Flagged secret, or named like one (a key named like a secret is one even if the table forgot to say so).</summary>
    public bool IsSecret => SchemaRow.IsSecret(_row);

    public string Description => Field(SchemaRow.DescriptionField);

    /// <summary>True when the name has a '*' (NAME) segment.</summary>
    public bool IsPattern => SchemaRow.StarSegment(_row) != 0;

    /// <summary>Least value: of a number, of a duration in ms, of the decoded length of base64.</summary>
    public int Min
    {
        get
        {
            SchemaRow.Range(_row, out int min, out _);
            return min;
        }
    }

    /// <summary>Greatest value, in the same unit as <see cref="Min"/>.</summary>
    public int Max
    {
        get
        {
            SchemaRow.Range(_row, out _, out int max);
            return max;
        }
    }

    /// <summary>The key whose value chooses this key's default (<c>default-by</c>), or null.</summary>
    public string? DefaultKey => SchemaRow.DefaultKey(_row);

    /// <summary>Keys that must be set whenever this one is ('*' stands for this key's own NAME).</summary>
    public string[] RequiredKeys => List(SchemaRow.Requires);

    /// <summary>Keys that may not be set together with this one.</summary>
    public string[] ExcludedKeys => List(SchemaRow.Excludes);

    /// <summary>The default when <see cref="DefaultKey"/> has the value <paramref name="other"/> (null: not set).</summary>
    public string? DefaultFor(string? other) => SchemaRow.DefaultFor(_row, other);

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
    public string? Check(string name, string value) => ConfigParser.Check(new ConfigEntry(name, value, -1, _row), _row);

    public override string ToString() => Name;

    /// <summary>The (value=default) pairs of <c>default-by</c>.</summary>
    string[] Cases()
    {
        if (!SchemaRow.Rule(_row, SchemaRow.DefaultBy, out int start, out int end)) return new string[0];
        int colon = _row.IndexOf(':', start);
        return colon < 0 || colon > end ? new string[0] : Ascii.Slice(_row, colon + 1, end - colon - 1).Split(',');
    }

    string[] List(int rule)
    {
        var names = new string[SchemaRow.RuleCount(_row, rule)];
        for (int i = 0; i < names.Length; i++) names[i] = SchemaRow.RuleItem(_row, rule, i, null);
        return names;
    }

    string Field(int index)
    {
        SchemaRow.Field(_row, index, out int start, out int end);
        return Ascii.Slice(_row, start, end - start);
    }
}
