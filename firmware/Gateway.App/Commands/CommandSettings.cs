using System.Collections;
using System;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>
/// What <c>get</c> and <c>set</c> may touch: every non-secret configuration key for <c>get</c>; for <c>set</c>
/// only the short list in <see cref="SettablePatterns"/> (intervals and the thresholds of existing rules),
/// never a secret. A value set becomes an override inside the configuration
/// (<see cref="GatewayConfig.Override"/>): the configuration checks it by the key's own rules and from then on
/// answers with it, and says so to whoever listens (<see cref="GatewayConfig.Changed"/>). This class is the
/// policy and the persistence, not a second copy of the values.
/// <para>
/// With a store, changes persist ("commands/settings", key, value and the file's value at the time,
/// with an FNV-1a checksum line) and are written before <see cref="TrySet"/> reports success. At start a
/// change applies only while the configuration file still has the value it had when the change was
/// made: an operator who edits the file afterwards wins. A damaged blob is ignored (the file's values
/// apply) and logged.
/// </para>
/// </summary>
public sealed class CommandSettings
{
    /// <summary>The keys a command may change; '*' is the NAME of a rule the configuration declares.</summary>
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static string[]? s_settablePatterns;
    public static string[] SettablePatterns => s_settablePatterns ?? (s_settablePatterns = new string[] {
        "pop3.interval", "sensor.interval", "rule.*.above", "rule.*.below", "rule.*.hysteresis",
    });

    public const string StoreName = "commands/settings";

    const string Magic = "gateway-settings 1";
    const string NoValue = "-";

    readonly GatewayConfig _config;
    readonly IStore? _store;
    readonly ILog _log;

    /// <summary>Settings changed in memory only.</summary>
    public CommandSettings(GatewayConfig config) : this(config, null, NullLog.Instance)
    {
    }

    /// <summary>Settings whose changes persist in <paramref name="store"/> (null: memory only); earlier changes are applied to <paramref name="config"/>.</summary>
    public CommandSettings(GatewayConfig config, IStore? store, ILog log)
    {
        _config = config;
        _store = store;
        _log = log;
        if (store != null) Load(store.Read(StoreName));
    }

    /// <summary>Keys changed by commands (overrides in the configuration).</summary>
    public int ChangedCount => _config.OverriddenKeys().Length;

    /// <summary>Reads a key for <c>get</c> (its effective value); false with a reason for an unknown or secret key.</summary>
    public bool TryGet(string key, out string value, out string problem)
    {
        value = "";
        problem = "";
        var k = _config.Schema.Find(key);
        if (k == null || !ConfigSchema.IsValidName(key, false)) { problem = "no such key"; return false; }
        if (k.IsSecret || ConfigSchema.LooksSecret(key)) { problem = "secret, never shown"; return false; }
        value = _config.GetString(key) ?? "(not set)";
        return true;
    }

    /// <summary>Changes a settable key; false with a reason (the reason may repeat the value: settable keys are never secret).</summary>
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
            if (Ascii.EndsWith(key, ".above") && _config.GetString(p + "below") != null) { problem = "rule " + name + " alerts below a threshold: set " + p + "below"; return false; }
            if (Ascii.EndsWith(key, ".below") && _config.GetString(p + "above") != null) { problem = "rule " + name + " alerts above a threshold: set " + p + "above"; return false; }
            if (Ascii.EndsWith(key, ".hysteresis") && value.Length > 0 && value[0] == '-') { problem = "a hysteresis cannot be negative"; return false; }
        }

        string? old = _config.IsOverridden(key) ? _config.GetString(key) : null;
        string? why = _config.Override(key, value);
        if (why != null) { problem = why; return false; }
        try
        {
            Save();
        }
        catch (Exception e)
        {
            // Not durable: undo, so memory and store agree and the reply says it failed.
            if (old != null) _config.Override(key, old);
            else _config.ClearOverride(key);
            problem = "could not be stored (" + e.GetType().Name + ")";
            return false;
        }
        return true;
    }

    void Save()
    {
        if (_store == null) return;
        var keys = _config.OverriddenKeys();
        string text = Magic + "\n";
        for (int i = 0; i < keys.Length; i++)
            text += keys[i] + " " + _config.GetString(keys[i]) + "\n" + "was " + (_config.FileValue(keys[i]) ?? NoValue) + "\n";
        _store.Write(StoreName, Checksummed.Seal(text));
    }

    void Load(byte[]? data)
    {
        if (data == null) return;
        int sumLine = Checksummed.Open(data);
        if (sumLine < 0)
        {
            _log.Write(LogLevel.Error, "settings changed by mail (" + StoreName + ") are damaged: ignored, the configuration file's values apply");
            return;
        }
        var lines = Utf8.Decode(data, 0, sumLine).Split('\n');
        if (lines[0] != Magic) return;
        for (int i = 1; i + 1 < lines.Length; i += 2)
        {
            int space = lines[i].IndexOf(' ');
            if (space <= 0 || !Ascii.StartsWith(lines[i + 1], "was ")) return;
            string key = lines[i].Substring(0, space), value = lines[i].Substring(space + 1);
            string was = lines[i + 1].Substring(4);
            var k = _config.Schema.Find(key);
            if (k == null || k.IsSecret || !IsSettable(key)) continue;
            if ((_config.FileValue(key) ?? NoValue) != was)
            {
                _log.Write(LogLevel.Info, key + ": the configuration file changed since it was set by mail; the file's value applies");
                continue;
            }
            _config.Override(key, value); // a value the key's rules refuse now is not taken
        }
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
