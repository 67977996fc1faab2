using System.Collections;
using Gateway.Core.Config;
using Gateway.Core.Text;

namespace Gateway.Core.Commands;

/// <summary>
/// What <c>get</c> and <c>set</c> see: every non-secret configuration key for <c>get</c>; for <c>set</c>
/// only the short list in <see cref="SettablePatterns"/> (intervals and the thresholds of existing rules),
/// never a secret. A value is checked by the schema's own rules (kind, range) before it is taken. Changes
/// live in memory only (lost at restart) and are read through <see cref="GetString"/>.
/// </summary>
public sealed class CommandSettings
{
    /// <summary>The keys a command may change; '*' is the NAME of a rule the configuration declares.</summary>
    public static readonly string[] SettablePatterns =
    {
        "pop3.interval", "sensor.interval", "rule.*.above", "rule.*.below", "rule.*.hysteresis",
    };

    readonly GatewayConfig _config;
    readonly ArrayList _changed = new ArrayList(); // key, value, key, value ... (at most one pair per settable key)

    public CommandSettings(GatewayConfig config)
    {
        _config = config;
    }

    /// <summary>Keys changed by commands since start.</summary>
    public int ChangedCount => _changed.Count / 2;

    /// <summary>The value a command set, else the configuration's; null when neither has one.</summary>
    public string? GetString(string key)
    {
        for (int i = 0; i < _changed.Count; i += 2)
            if ((string)_changed[i]! == key) return (string)_changed[i + 1]!;
        return _config.Schema.Find(key) == null ? null : _config.GetString(key);
    }

    /// <summary>Reads a key for <c>get</c>; false with a reason for an unknown or secret key.</summary>
    public bool TryGet(string key, out string value, out string problem)
    {
        value = "";
        problem = "";
        var k = _config.Schema.Find(key);
        if (k == null || !ConfigSchema.IsValidName(key, false)) { problem = "no such key"; return false; }
        if (k.IsSecret || ConfigSchema.LooksSecret(key)) { problem = "secret, never shown"; return false; }
        value = GetString(key) ?? "(not set)";
        return true;
    }

    /// <summary>Changes a settable key in memory; false with a reason (the reason may repeat the value: settable keys are never secret).</summary>
    public bool TrySet(string key, string value, out string problem)
    {
        problem = "";
        var k = _config.Schema.Find(key);
        if (k == null || !ConfigSchema.IsValidName(key, false)) { problem = "no such key"; return false; }
        if (k.IsSecret || ConfigSchema.LooksSecret(key)) { problem = "secret, not settable by mail"; return false; }
        if (!IsSettable(key)) { problem = "not settable by mail (settable: " + SettableList() + ")"; return false; }
        if (Ascii.StartsWith(key, "rule."))
        {
            string name = key.Split('.')[1];
            if (!Has(_config.GetNames("rule"), name)) { problem = "no rule named " + name; return false; }
            string p = "rule." + name + ".";
            if (Ascii.EndsWith(key, ".above") && GetString(p + "below") != null) { problem = "rule " + name + " alerts below a threshold: set " + p + "below"; return false; }
            if (Ascii.EndsWith(key, ".below") && GetString(p + "above") != null) { problem = "rule " + name + " alerts above a threshold: set " + p + "above"; return false; }
        }
        if (value.Length == 0 || ConfigValues.HasControl(value)) { problem = "no usable value"; return false; }
        var entry = new ConfigEntry(key, value, 0, k, false);
        string? why = ConfigParser.Check(entry);
        if (why != null) { problem = why; return false; }
        for (int i = 0; i < _changed.Count; i += 2)
        {
            if ((string)_changed[i]! != key) continue;
            _changed[i + 1] = value;
            return true;
        }
        _changed.Add(key);
        _changed.Add(value);
        return true;
    }

    public static bool IsSettable(string key)
    {
        for (int i = 0; i < SettablePatterns.Length; i++)
            if (ConfigSchema.Matches(SettablePatterns[i], key)) return true;
        return false;
    }

    static string SettableList()
    {
        string s = "";
        for (int i = 0; i < SettablePatterns.Length; i++)
            s = i == 0 ? SettablePatterns[i] : s + ", " + SettablePatterns[i];
        return s;
    }

    static bool Has(string[] names, string name)
    {
        for (int i = 0; i < names.Length; i++)
            if (names[i] == name) return true;
        return false;
    }
}
