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
    readonly ArrayList _set; // ConfigEntry: the file's lines, in line order

    internal GatewayConfig(ConfigSchema schema, ArrayList fileEntries)
    {
        _schema = schema;
        _set = fileEntries;
    }

    /// <summary>Parses the gateway's configuration (<see cref="GatewaySchema.Instance"/>).</summary>
    public static ConfigParseResult Parse(string text)
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
        return ConfigParser.Parse(text, schema);
    }

    /// <summary>Parses text against another schema (tools, tests).</summary>
    public static ConfigParseResult Parse(string text, ConfigSchema schema) => ConfigParser.Parse(text, schema);

    /// <summary>Parses UTF-8 bytes as read from a file or flash; a BOM is skipped.</summary>
    public static ConfigParseResult Parse(byte[] data, int offset, int count) => Parse(Utf8.Decode(data, offset, count));

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
            var e = (ConfigEntry)_set[i]!;
            if (!e.InGroup(group)) continue;
            string? name = e.PatternName;
            if (name != null && found.IndexOf(name) < 0) found.Add(name);
        }
        var names = new string[found.Count];
        for (int i = 0; i < names.Length; i++) names[i] = (string)found[i]!;
        return names;
    }

    /// <summary>Whether the key has a value, set in the file or by default.</summary>
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

    /// <summary>The value as written (or the default's text); null when unset. Secrets are returned as they are.</summary>
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
        return e == null ? new string[0] : e.Items!;
    }

    /// <summary>The decoded bytes of a base64 key; null when unset.</summary>
    public byte[]? GetBytes(string key) => Lookup(key, ConfigKind.Base64, ConfigKind.Base64)?.Bytes;

    /// <summary>
    /// Every key with a value as <c>key = value</c> lines, defaults marked <c>  # default</c>, secrets
    /// as ********. For people and logs: the marks make it no longer a valid file.
    /// </summary>
    public string ToMaskedText()
    {
        var effective = Effective();
        string text = "";
        for (int i = 0; i < effective.Count; i++)
        {
            var e = (ConfigEntry)effective[i]!;
            text += e.Name + " = " + (e.IsSecret ? Mask : e.Value) + (e.IsDefault ? "  # default" : "") + "\n";
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
            if (!keys[i].IsPattern)
                AddEffective(all, keys[i].Name, keys[i]);

        var names = ConfigParser.PatternNames(_set);
        for (int n = 0; n < names.Count; n += 2)
        {
            string group = (string)names[n]!, name = (string)names[n + 1]!;
            for (int i = 0; i < keys.Length; i++)
                if (keys[i].IsPattern && ConfigSchema.InGroup(keys[i].Name, group))
                    AddEffective(all, ConfigSchema.WithName(keys[i].Name, name), keys[i]);
        }
        return all;
    }

    void AddEffective(ArrayList all, string name, ConfigKey key)
    {
        var e = ConfigParser.Find(_set, name) ?? DefaultEntry(name, key);
        if (e != null) all.Add(e);
    }

    /// <summary>The schema's default for a key the file did not set, checked; null when it has none.</summary>
    ConfigEntry? DefaultEntry(string name, ConfigKey key)
    {
        string? value = DefaultText(key, 0);
        if (value == null) return null;
        var e = new ConfigEntry(name, value, 0, key);
        string? problem = ConfigParser.Check(e, key);
        if (problem != null)
            throw new InvalidOperationException("the schema's default for " + name + " is invalid: " + problem);
        return e;
    }

    /// <summary>The default of <paramref name="key"/>, read through the key that chooses it (pop3.port by pop3.tls).</summary>
    string? DefaultText(ConfigKey key, int depth)
    {
        if (key.DefaultKey == null) return key.Default;
        if (depth > 4) throw new InvalidOperationException("the schema's defaults depend on each other in a circle: " + key.Name);
        var set = ConfigParser.Find(_set, key.DefaultKey);
        var other = _schema.Find(key.DefaultKey)!;
        return key.DefaultFor(set != null ? set.Value : DefaultText(other, depth + 1));
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
        var set = ConfigParser.Find(_set, key);
        var k = set == null ? _schema.Find(key) : null;
        if (set == null && k == null) throw new ArgumentException("not a configuration key: " + key);
        var found = set != null ? set.Kind : k!.Kind;
        if (found != kind && found != orKind)
            throw new ArgumentException(key + " is not read that way (it is a " + KindName(found) + " key)");
        return set ?? Default(key, k!);
    }

    ConfigEntry? Lookup(string key)
    {
        var set = ConfigParser.Find(_set, key);
        if (set != null) return set;
        var k = _schema.Find(key);
        if (k == null) throw new ArgumentException("not a configuration key: " + key);
        return Default(key, k);
    }

    /// <summary>
    /// The default of a key the file did not set, made when read and not kept (a device keeps only what the
    /// file set); null when it has none.
    /// </summary>
    ConfigEntry? Default(string key, ConfigKey k)
    {
        // A pattern key has a default only for a NAME the file uses (rule.hot.* once rule.hot.sensor is set).
        if (k.IsPattern && !NameUsed(k, key)) return null;
        return DefaultEntry(key, k);
    }

    bool NameUsed(ConfigKey pattern, string key)
    {
        string? name = ConfigSchema.NameIn(pattern.Name, key);
        string group = ConfigSchema.GroupOf(pattern.Name);
        for (int i = 0; i < _set.Count && name != null; i++)
        {
            var e = (ConfigEntry)_set[i]!;
            if (e.InGroup(group) && e.PatternName == name) return true;
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
            default: return "unknown";
        }
    }
}
