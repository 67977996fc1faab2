using System;

namespace Gateway.Core.Config;

/// <summary>
/// One row of a configuration schema: a key's name, kind, default, flags and description, plus
/// optional rules (a range, a default chosen by another key, keys it needs or excludes).
/// A name may hold '*' segments, each standing for one NAME ([a-z0-9_-]+): <c>rule.*.above</c>.
/// The rule methods return the key itself so that a schema reads as a table; a key must not be
/// changed once it is in a <see cref="ConfigSchema"/>.
/// </summary>
public sealed class ConfigKey
{
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static string[]? s_none;
    static string[] None => s_none ?? (s_none = new string[0]);

    string[] _requires = None;
    string[] _excludes = None;
    string[] _defaultCases = None;

    public ConfigKey(string name, ConfigKind kind, string? defaultValue, ConfigFlags flags, string description)
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        IsRequired = (flags & ConfigFlags.Required) != 0;
        // A key named like a secret is one even if the table forgot to say so.
        IsSecret = (flags & ConfigFlags.Secret) != 0 || ConfigSchema.LooksSecret(name);
        Description = description;
        Min = kind == ConfigKind.Port ? 1 : 0;
        Max = kind == ConfigKind.Port ? 65535 : int.MaxValue;
    }

    public string Name { get; }

    public ConfigKind Kind { get; }

    /// <summary>The default as it would be written in the file, or null (no default).</summary>
    public string? Default { get; }

    public bool IsRequired { get; }

    public bool IsSecret { get; }

    public string Description { get; }

    /// <summary>True when the name has a '*' (NAME) segment.</summary>
    public bool IsPattern => Name.IndexOf('*') >= 0;

    /// <summary>Least value: of a number, of a duration in ms, of the decoded length of base64.</summary>
    public int Min { get; private set; }

    /// <summary>Greatest value, in the same unit as <see cref="Min"/>.</summary>
    public int Max { get; private set; }

    /// <summary>The key whose value chooses this key's default (see <see cref="DefaultBy"/>), or null.</summary>
    public string? DefaultKey { get; private set; }

    /// <summary>Keys that must be set whenever this one is ('*' stands for this key's own NAME).</summary>
    public string[] RequiredKeys => _requires;

    /// <summary>Keys that may not be set together with this one.</summary>
    public string[] ExcludedKeys => _excludes;

    public ConfigKey Range(int min, int max)
    {
        if (min > max) throw new ArgumentException("the minimum is above the maximum");
        Min = min;
        Max = max;
        return this;
    }

    /// <summary>
    /// The default depends on <paramref name="key"/>: <paramref name="cases"/> are pairs of
    /// (that key's value, this key's default); any other value gives <see cref="Default"/>.
    /// <paramref name="key"/> is a key without '*'.
    /// </summary>
    public ConfigKey DefaultBy(string key, params string[] cases)
    {
        if (cases.Length % 2 != 0) throw new ArgumentException("cases are (value, default) pairs");
        DefaultKey = key;
        _defaultCases = cases;
        return this;
    }

    public ConfigKey Requires(params string[] keys)
    {
        _requires = keys;
        return this;
    }

    public ConfigKey Excludes(params string[] keys)
    {
        _excludes = keys;
        return this;
    }

    /// <summary>The default when <see cref="DefaultKey"/> has the value <paramref name="other"/> (null: not set).</summary>
    public string? DefaultFor(string? other)
    {
        if (other != null)
            for (int i = 0; i < _defaultCases.Length; i += 2)
                if (Text.Ascii.EqualsIgnoreCase(_defaultCases[i], other))
                    return _defaultCases[i + 1];
        return Default;
    }

    /// <summary>Every default this key can take (for checking a schema).</summary>
    public string[] PossibleDefaults()
    {
        int n = Default == null ? 0 : 1;
        var all = new string[n + _defaultCases.Length / 2];
        if (Default != null) all[0] = Default;
        for (int i = 1; i < _defaultCases.Length; i += 2)
            all[n++] = _defaultCases[i];
        return all;
    }

    /// <summary>Why <paramref name="value"/> is not a valid value of this key as <paramref name="name"/> (a concrete name), or null when it is.</summary>
    public string? Check(string name, string value) => ConfigParser.Check(new ConfigEntry(name, value, -1, this));

    public override string ToString() => Name;
}
