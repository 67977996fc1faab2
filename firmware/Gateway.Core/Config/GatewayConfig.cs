using System;
using System.Collections;
using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// A checked configuration: the keys the file set, and the schema's defaults for the rest. Built only
/// by <see cref="Parse(string)"/>, so every value here has passed its checks. Reading a key the schema
/// does not have, or with the accessor of another kind, is a programming error (ArgumentException).
/// Only what the file set is held; a default becomes an entry when it is first read, so a device
/// keeps the keys it uses, not the whole table.
/// </summary>
public sealed class GatewayConfig
{
    const string Mask = "********";

    readonly ConfigSchema _schema;
    readonly ConfigEntries _set; // the file's lines, in line order
    ArrayList? _overrides;       // ConfigEntry: values set after the file was read (by mail), made with the first

    internal GatewayConfig(ConfigSchema schema, ConfigEntries fileEntries, ConfigRole role)
    {
        _schema = schema;
        _set = fileEntries;
        Role = role;
    }

    /// <summary>Whose configuration this is (the file's <c>role</c> key; a device's by default).</summary>
    public ConfigRole Role { get; }

    /// <summary>Raised after <see cref="Override"/> or <see cref="ClearOverride"/> changed what a key reads as.</summary>
    public event ConfigChanged? Changed;

    /// <summary>
    /// Makes <paramref name="key"/> read as <paramref name="value"/> from now on, over the file and the default
    /// (a setting changed by mail; which keys may be changed so is the caller's policy). The value passes the
    /// key's own checks first. Returns null when taken, else what is wrong.
    /// </summary>
    public string? Override(string key, string value)
    {
        var row = _schema.RowOf(key);
        if (row == null || !ConfigSchema.IsValidName(key, false) || !SchemaRow.BelongsTo(row, Role)) return "no such key";
        if (value.Length == 0 || ConfigValues.HasControl(value)) return "no usable value";
        var entry = new ConfigEntry(key, value, 0, row);
        string? problem = ConfigParser.Check(entry, row);
        if (problem != null) return problem;
        int at = OverrideIndex(key);
        if (at >= 0) _overrides![at] = entry;
        else (_overrides ?? (_overrides = new ArrayList())).Add(entry);
        Changed?.Invoke(key);
        return null;
    }

    /// <summary>Lets <paramref name="key"/> read as the file (or its default) says again.</summary>
    public void ClearOverride(string key)
    {
        int at = OverrideIndex(key);
        if (at < 0) return;
        _overrides!.RemoveAt(at);
        Changed?.Invoke(key);
    }

    /// <summary>Whether <paramref name="key"/> reads as an <see cref="Override"/> says.</summary>
    public bool IsOverridden(string key) => OverrideIndex(key) >= 0;

    /// <summary>The keys that read as an <see cref="Override"/> says, in the order they were first set.</summary>
    public string[] OverriddenKeys()
    {
        var keys = new string[_overrides == null ? 0 : _overrides.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = ((ConfigEntry)_overrides![i]!).Name;
        return keys;
    }

    /// <summary>What the file (or the default) says of <paramref name="key"/>, whatever an override says; null when neither has a value.</summary>
    public string? FileValue(string key) => Lookup(key, false)?.Value;

    int OverrideIndex(string key)
    {
        for (int i = 0; _overrides != null && i < _overrides.Count; i++)
            if (((ConfigEntry)_overrides[i]!).Is(key)) return i;
        return -1;
    }

    ConfigEntry? FindOverride(string key)
    {
        int at = OverrideIndex(key);
        return at < 0 ? null : (ConfigEntry)_overrides![at]!;
    }

    /// <summary>Parses the gateway's configuration (<see cref="GatewaySchema.Instance"/>).</summary>
    public static ConfigParseResult Parse(string text)
    {
        var data = Utf8.GetBytes(text);
        return Parse(data, 0, data.Length);
    }

    /// <summary>Parses text against another schema (tools, tests).</summary>
    public static ConfigParseResult Parse(string text, ConfigSchema schema)
    {
        var data = Utf8.GetBytes(text);
        return ConfigParser.Parse(data, 0, data.Length, schema);
    }

    /// <summary>Parses UTF-8 bytes as read from a file or flash (the device's way: no copy of the text is made); a BOM is skipped.</summary>
    public static ConfigParseResult Parse(byte[] data, int offset, int count)
    {
        ConfigSchema schema;
        try
        {
            schema = GatewaySchema.Instance;
        }
        catch (OutOfMemoryException)
        {
            return ConfigParseResult.Failed("the table of configuration keys could not be built: out of memory (it is built again on the next try)");
        }
        return ConfigParser.Parse(data, offset, count, schema);
    }

    public ConfigSchema Schema => _schema;

    /// <summary>Every key that has a value (set or default): the schema's keys in table order, then pattern keys by NAME.</summary>
    public string[] Keys
    {
        get
        {
            var effective = Effective();
            var keys = new string[effective.Count];
            for (int i = 0; i < keys.Length; i++) keys[i] = ((ConfigEntry)effective[i]!).Name;
            return keys;
        }
    }

    /// <summary>
    /// The NAMEs used with a pattern group, in order of first appearance: with <c>rule.hot.above</c>
    /// and <c>rule.cold.below</c> set, <c>GetNames("rule")</c> gives { "hot", "cold" }.
    /// </summary>
    public string[] GetNames(string group)
    {
        var found = new ArrayList();
        for (int i = 0; i < _set.Count; i++)
        {
            var e = _set[i];
            if (!e.InGroup(group)) continue;
            string? name = e.PatternName;
            if (name != null && found.IndexOf(name) < 0) found.Add(name);
        }
        var names = new string[found.Count];
        for (int i = 0; i < names.Length; i++) names[i] = (string)found[i]!;
        return names;
    }

    /// <summary>Whether the key has a value, set in the file, by an override or by default.</summary>
    public bool Has(string key) => Lookup(key) != null;

    /// <summary>Whether the file set the key itself.</summary>
    public bool IsSet(string key)
    {
        var e = Lookup(key);
        return e != null && !e.IsDefault;
    }

    /// <summary>The line that set the key; 0 when it has its default or no value.</summary>
    public int LineOf(string key)
    {
        var e = Lookup(key);
        return e == null ? 0 : e.Line;
    }

    /// <summary>The value as written (an override's, the file's or the default's text); null when unset. Secrets are returned as they are.</summary>
    public string? GetString(string key) => Lookup(key)?.Value;

    /// <exception cref="InvalidOperationException">The key has no value.</exception>
    public int GetInt(string key) => Require(key, ConfigKind.Port, ConfigKind.Int).Number;

    public double GetNumber(string key) => Require(key, ConfigKind.Number, ConfigKind.Number).Real;

    public bool GetBool(string key) => Require(key, ConfigKind.Bool, ConfigKind.Bool).Flag;

    public int GetDurationMs(string key) => Require(key, ConfigKind.Duration, ConfigKind.Duration).Number;

    public TlsMode GetTlsMode(string key) => Require(key, ConfigKind.Tls, ConfigKind.Tls).Tls;

    /// <summary>The items of a list key; empty when unset.</summary>
    public string[] GetList(string key)
    {
        var e = Lookup(key, ConfigKind.List, ConfigKind.AddressList);
        return e == null ? new string[0] : e.Items;
    }

    /// <summary>The decoded bytes of a base64 key; null when unset.</summary>
    public byte[]? GetBytes(string key) => Lookup(key, ConfigKind.Base64, ConfigKind.Base64)?.Bytes;

    /// <summary>
    /// Every key with a value as <c>key = value</c> lines, defaults marked <c>  # default</c>, overrides
    /// <c>  # set by mail</c>, secrets as ********. For people and logs: the marks make it no longer a valid file.
    /// </summary>
    public string ToMaskedText()
    {
        var effective = Effective();
        string text = "";
        for (int i = 0; i < effective.Count; i++)
        {
            var e = (ConfigEntry)effective[i]!;
            string note = IsOverridden(e.Name) ? "  # set by mail" : e.IsDefault ? "  # default" : "";
            text += e.Name + " = " + (e.IsSecret ? Mask : e.Value) + note + "\n";
        }
        return text;
    }

    public override string ToString() => ToMaskedText();

    /// <summary>Every key with a value, set or default, in the order of <see cref="Keys"/> (defaults as new entries: for listing, not for the loop).</summary>
    ArrayList Effective()
    {
        var all = new ArrayList();
        var keys = _schema.Keys;
        for (int i = 0; i < keys.Length; i++)
            if (!keys[i].IsPattern && SchemaRow.BelongsTo(keys[i].Row, Role))
                AddEffective(all, keys[i].Name, keys[i].Row);

        var names = ConfigParser.PatternNames(_set);
        for (int n = 0; n < names.Count; n += 2)
        {
            string group = (string)names[n]!, name = (string)names[n + 1]!;
            for (int i = 0; i < keys.Length; i++)
                if (keys[i].IsPattern && ConfigSchema.InGroup(keys[i].Name, group))
                    AddEffective(all, ConfigSchema.WithName(keys[i].Name, name), keys[i].Row);
        }
        return all;
    }

    void AddEffective(ArrayList all, string name, string row)
    {
        var e = FindOverride(name) ?? _set.Find(name) ?? DefaultEntry(name, row);
        if (e != null) all.Add(e);
    }

    /// <summary>The schema's default for a key the file did not set, checked; null when it has none.</summary>
    ConfigEntry? DefaultEntry(string name, string row)
    {
        string? value = DefaultText(row, 0);
        if (value == null) return null;
        var e = new ConfigEntry(name, value, 0, row);
        string? problem = ConfigParser.Check(e, row);
        if (problem != null)
            throw new InvalidOperationException("the schema's default for " + name + " is invalid: " + problem);
        return e;
    }

    /// <summary>The default of a row's key, read through the key that chooses it (pop3.port by pop3.tls).</summary>
    string? DefaultText(string row, int depth)
    {
        string? by = SchemaRow.DefaultKey(row);
        if (by == null) return SchemaRow.DefaultFor(row, null);
        if (depth > 4) throw new InvalidOperationException("the schema's defaults depend on each other in a circle: " + Ascii.Slice(row, 0, SchemaRow.NameEnd(row)));
        var set = _set.Find(by);
        return SchemaRow.DefaultFor(row, set != null ? set.Value : DefaultText(_schema.RowOf(by)!, depth + 1));
    }

    ConfigEntry Require(string key, ConfigKind kind, ConfigKind orKind)
    {
        var e = Lookup(key, kind, orKind);
        if (e == null) throw new InvalidOperationException(key + " is not set and has no default");
        return e;
    }

    ConfigEntry? Lookup(string key, ConfigKind kind, ConfigKind orKind)
    {
        // A key the file set carries its kind: no look-up in the table (the loop reads some keys every tick).
        var set = FindOverride(key) ?? _set.Find(key);
        var row = set == null ? _schema.RowOf(key) : null;
        if (set == null && row == null) throw new ArgumentException("not a configuration key: " + key);
        var found = set != null ? set.Kind : (ConfigKind)SchemaRow.Kind(row!);
        if (found != kind && found != orKind)
            throw new ArgumentException(key + " is not read that way (it is a " + KindName(found) + " key)");
        return set ?? Default(key, row!);
    }

    ConfigEntry? Lookup(string key) => Lookup(key, true);

    ConfigEntry? Lookup(string key, bool withOverrides)
    {
        var set = (withOverrides ? FindOverride(key) : null) ?? _set.Find(key);
        if (set != null) return set;
        var row = _schema.RowOf(key);
        if (row == null) throw new ArgumentException("not a configuration key: " + key);
        return Default(key, row);
    }

    /// <summary>
    /// The default of a key the file did not set, made when read and not kept (a device keeps only what the
    /// file set); null when it has none.
    /// </summary>
    ConfigEntry? Default(string key, string row)
    {
        // A pattern key has a default only for a NAME the file uses (rule.hot.* once rule.hot.sensor is set).
        if (SchemaRow.StarSegment(row) != 0 && !NameUsed(row, key)) return null;
        return DefaultEntry(key, row);
    }

    /// <summary>Whether an entry of the file sets a key of <paramref name="row"/>'s group with <paramref name="key"/>'s NAME.</summary>
    bool NameUsed(string row, string key)
    {
        int star = row.IndexOf('*'); // in the pattern and in every key of its group, the NAME starts here
        int keyEnd = key.IndexOf('.', star);
        if (keyEnd < 0) keyEnd = key.Length;
        for (int i = 0; i < _set.Count; i++)
        {
            var e = _set[i];
            if (!e.IsPattern) continue;
            e.NameRange(out int start, out int end);
            if (start == star && end - start == keyEnd - star && Ascii.RegionEquals(e.Name, 0, row, 0, star)
                && Ascii.RegionEquals(e.Name, start, key, star, end - start))
                return true;
        }
        return false;
    }

    static string KindName(ConfigKind kind)
    {
        switch (kind)
        {
            case ConfigKind.Text: return "text";
            case ConfigKind.Identifier: return "identifier";
            case ConfigKind.Host: return "host";
            case ConfigKind.Port: return "port";
            case ConfigKind.Int: return "number";
            case ConfigKind.Bool: return "true/false";
            case ConfigKind.Duration: return "duration";
            case ConfigKind.Tls: return "TLS mode";
            case ConfigKind.Address: return "address";
            case ConfigKind.AddressList: return "address list";
            case ConfigKind.List: return "list";
            case ConfigKind.Base64: return "base64";
            case ConfigKind.Number: return "decimal number";
            case ConfigKind.Role: return "role";
            default: return "unknown";
        }
    }
}
