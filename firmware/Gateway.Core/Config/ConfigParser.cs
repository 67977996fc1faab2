using System;
using System.Collections;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// Reads <c>key = value</c> lines against a <see cref="ConfigSchema"/> and collects every error.
/// Rules: the line end is LF or CRLF; a leading UTF-8 BOM is skipped; a line whose first non-blank
/// char is '#' is a comment, and '#' anywhere else is part of the value (passwords may hold it);
/// key and value are trimmed of spaces and tabs; the first '=' separates them (values may hold '=');
/// keys are ASCII case-insensitive and read in lower case. The raw text of a line is never repeated
/// in an error, and the value of a secret key never is.
/// </summary>
internal static class ConfigParser
{
    const int MaxEcho = 60; // longer values are cut in messages; the line number finds the rest

    public static ConfigParseResult Parse(string text, ConfigSchema schema)
    {
        try
        {
            return ParseLines(text, schema);
        }
        catch (OutOfMemoryException)
        {
            // A small device heap: say so instead of leaving a half-read configuration (nothing is kept).
            return ConfigParseResult.Failed("out of memory while reading the configuration (" + Ascii.FromInt(text.Length) + " characters)");
        }
    }

    static ConfigParseResult ParseLines(string text, ConfigSchema schema)
    {
        var entries = new ArrayList();  // ConfigEntry, in line order
        var keys = new ArrayList();     // ConfigKey of each entry, same order (for the cross-key rules)
        var errors = new ArrayList();   // ConfigError
        // One Split, not a Substring per line: nanoFramework's Substring copies the whole text to UTF-16
        // first, and its indexer walks the text from the start.
        var lines = text.Split('\n');
        int count = text.Length > 0 && text[text.Length - 1] == '\n' ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            string line = lines[i];
            if (i == 0 && line.Length > 0 && line[0] == '\uFEFF') line = Ascii.Slice(line, 1);
            if (line.Length > 0 && line[line.Length - 1] == '\r') line = Ascii.Slice(line, 0, line.Length - 1);
            lines[i] = null!; // each line is garbage once read
            ReadLine(line, i + 1, schema, entries, keys, errors);
        }

        for (int i = 0; i < entries.Count; i++)
            CheckRelations(i, entries, keys, errors);
        SortByLine(errors);
        CheckRequired(schema, entries, errors);

        if (errors.Count > 0)
            return new ConfigParseResult(null, ToErrorArray(errors));
        return new ConfigParseResult(new GatewayConfig(schema, entries), new ConfigError[0]);
    }

    static void ReadLine(string raw, int lineNo, ConfigSchema schema, ArrayList entries, ArrayList keys, ArrayList errors)
    {
        string line = Ascii.TrimBlanks(raw);
        if (line.Length == 0 || line[0] == '#') return;

        int eq = line.IndexOf('=');
        if (eq < 0)
        {
            // The text could be a password pasted on its own line: name a key only if the first word is one.
            int blank = 0;
            while (blank < line.Length && !Ascii.IsBlank(line[blank])) blank++;
            string first = Ascii.ToLower(Ascii.Slice(line, 0, blank));
            string known = ConfigSchema.IsValidName(first, false) && schema.Find(first) != null ? first : "";
            errors.Add(new ConfigError(lineNo, known,
                "no '=' on this line (expected key = value; the line is not shown in case it holds a secret)"));
            return;
        }

        string key = Ascii.ToLower(Ascii.TrimBlanks(Ascii.Slice(line, 0, eq)));
        string value = Ascii.TrimBlanks(Ascii.Slice(line, eq + 1));
        if (key.Length == 0)
        {
            errors.Add(new ConfigError(lineNo, "", "no key before '=' (expected key = value)"));
            return;
        }
        if (!ConfigSchema.IsValidName(key, false))
        {
            errors.Add(new ConfigError(lineNo, "",
                "malformed key (a-z, 0-9, '-' and '_' in parts joined by '.'); not shown in case it holds a secret"));
            return;
        }

        var schemaKey = schema.Find(key);
        if (schemaKey == null)
        {
            string? suggestion = schema.Suggest(key);
            if (suggestion != null)
                errors.Add(new ConfigError(lineNo, key, "unknown key (did you mean " + suggestion + "?)"));
            else if (schema.HasGroup(key))
                errors.Add(new ConfigError(lineNo, key, "unknown key"));
            else
                // "hunter2=x" alone on a line reads as key "hunter2": show only names that look like ours.
                errors.Add(new ConfigError(lineNo, "", "unknown key (not shown in case it is part of a secret; keys begin with "
                    + schema.Groups() + ")"));
            return;
        }

        var earlier = Find(entries, key);
        if (earlier != null)
        {
            errors.Add(new ConfigError(lineNo, key,
                "duplicate key: already set on line " + Ascii.FromInt(earlier.Line) + " (this line is ignored)"));
            return;
        }

        var entry = new ConfigEntry(key, value, lineNo, schemaKey);
        entries.Add(entry); // kept even when invalid: it is present for the cross-key checks
        keys.Add(schemaKey);
        string? problem;
        if (value.Length == 0) problem = "has no value (remove the line to leave the key unset)";
        else if (ConfigValues.HasControl(value)) problem = "the value contains a control character";
        else problem = Check(entry, schemaKey);
        if (problem != null)
            errors.Add(new ConfigError(lineNo, key, problem));
    }

    /// <summary>Reads the entry's value by its kind into its typed fields; returns null or what is wrong.</summary>
    public static string? Check(ConfigEntry e, ConfigKey k)
    {
        string v = e.Value;
        switch (k.Kind)
        {
            case ConfigKind.Text:
                return null;

            case ConfigKind.Identifier:
                return ConfigValues.IsIdentifier(v) ? null
                    : Echo(e) + " is not an identifier (letters, digits, '.', '-' and '_', at most "
                      + Ascii.FromInt(ConfigValues.MaxIdentifierLength) + ")";

            case ConfigKind.Host:
                return ConfigValues.IsHost(v) ? null : Echo(e) + " is not a host name or IP address";

            case ConfigKind.Port:
                if (!Ascii.TryParseInt(v, out e.Number) || e.Number < k.Min || e.Number > k.Max)
                    return Echo(e) + " is not a port (" + RangeText(k) + ")";
                return null;

            case ConfigKind.Int:
                if (!Ascii.TryParseInt(v, out e.Number))
                    return Echo(e) + " is not a whole number";
                if (e.Number < k.Min || e.Number > k.Max)
                    return Echo(e) + " is out of range (" + RangeText(k) + ")";
                return null;

            case ConfigKind.Number:
            {
                if (!ConfigValues.TryParseNumber(v, out double real)) return Echo(e) + " is not a number (digits, an optional '-' and '.', e.g. -2.5)";
                e.Parsed = real;
                return null;
            }

            case ConfigKind.Bool:
            {
                if (!ConfigValues.TryParseBool(v, out bool flag)) return Echo(e) + " is not true or false";
                e.Number = flag ? 1 : 0;
                return null;
            }

            case ConfigKind.Duration:
            {
                string? why = ConfigValues.ParseDurationMs(v, out e.Number);
                if (why != null) return Echo(e) + " " + why;
                if (e.Number < k.Min)
                    return Echo(e) + " is shorter than the least allowed, " + ConfigValues.FormatDuration(k.Min);
                if (e.Number > k.Max)
                    return Echo(e) + " is longer than the most allowed, " + ConfigValues.FormatDuration(k.Max);
                return null;
            }

            case ConfigKind.Tls:
            {
                if (!ConfigValues.TryParseTls(v, out var tls)) return Echo(e) + " is not a TLS mode (none, starttls or implicit)";
                e.Number = (int)tls;
                return null;
            }

            case ConfigKind.Address:
                return ConfigValues.IsAddress(v) ? null : Echo(e) + " is not a mail address (local@domain)";

            case ConfigKind.AddressList:
            case ConfigKind.List:
            {
                var items = ConfigValues.SplitList(v);
                e.Parsed = items;
                for (int i = 0; i < items.Length; i++)
                {
                    string item = items[i];
                    string which = "item " + Ascii.FromInt(i + 1) + (k.IsSecret ? "" : " (" + Quote(item) + ")");
                    if (item.Length == 0)
                        return Echo(e) + " has an empty item " + Ascii.FromInt(i + 1) + " (items are separated by ',')";
                    if (k.Kind == ConfigKind.AddressList && !ConfigValues.IsAddress(item))
                        return which + " is not a mail address (local@domain)";
                }
                return null;
            }

            case ConfigKind.Base64:
            {
                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(v);
                }
                catch (Exception)
                {
                    // FormatException on .NET and nanoFramework; any failure means the same thing here.
                    return Echo(e) + " is not valid base64";
                }
                e.Parsed = bytes;
                if (bytes.Length < k.Min)
                    return Echo(e) + " decodes to " + Ascii.FromInt(bytes.Length) + " bytes; at least "
                        + Ascii.FromInt(k.Min) + " are needed";
                if (bytes.Length > k.Max)
                    return Echo(e) + " decodes to " + Ascii.FromInt(bytes.Length) + " bytes; at most "
                        + Ascii.FromInt(k.Max) + " are allowed";
                return null;
            }

            default:
                return "has a kind this parser does not know";
        }
    }

    /// <summary>Keys this entry needs, and keys it may not be combined with.</summary>
    static void CheckRelations(int index, ArrayList entries, ArrayList keys, ArrayList errors)
    {
        var e = (ConfigEntry)entries[index]!;
        var k = (ConfigKey)keys[index]!;
        string? name = e.PatternName;
        var requires = k.RequiredKeys;
        for (int i = 0; i < requires.Length; i++)
        {
            string other = Concrete(requires[i], name);
            if (Find(entries, other) == null)
                errors.Add(new ConfigError(e.Line, e.Name, "needs " + other + ", which is not set"));
        }

        var excludes = k.ExcludedKeys;
        for (int i = 0; i < excludes.Length; i++)
        {
            int at = IndexOf(entries, Concrete(excludes[i], name));
            if (at < 0) continue;
            var other = (ConfigEntry)entries[at]!;
            // Report a clash once, on the later line; the earlier key reports it only if the later one's rule is silent.
            bool mutual = Lists(((ConfigKey)keys[at]!).ExcludedKeys, k.Name);
            if (other.Line < e.Line)
                errors.Add(new ConfigError(e.Line, e.Name, Clash(other)));
            else if (!mutual)
                errors.Add(new ConfigError(other.Line, other.Name, Clash(e)));
        }
    }

    static string Clash(ConfigEntry earlier) =>
        "cannot be combined with " + earlier.Name + " (line " + Ascii.FromInt(earlier.Line) + "): set only one";

    /// <summary>Missing required keys, in schema order; for a pattern key, for every NAME used in its group.</summary>
    static void CheckRequired(ConfigSchema schema, ArrayList entries, ArrayList errors)
    {
        // Row by row, making a key only for a required row.
        var names = PatternNames(entries);
        var rows = schema.Rows;
        for (int r = 0; r < rows.Length; r++)
        {
            if (!ConfigKey.IsRequiredRow(rows[r])) continue;
            var k = new ConfigKey(rows[r]);
            if (!k.IsPattern)
            {
                if (Find(entries, k.Name) == null) errors.Add(Missing(k.Name, k));
                continue;
            }
            for (int n = 0; n < names.Count; n += 2)
            {
                string group = (string)names[n]!, name = (string)names[n + 1]!;
                if (!ConfigSchema.InGroup(k.Name, group)) continue;
                string concrete = ConfigSchema.WithName(k.Name, name);
                if (Find(entries, concrete) == null)
                    errors.Add(Missing(concrete, k));
            }
        }
    }

    static ConfigError Missing(string key, ConfigKey k) =>
        new ConfigError(0, key, "required key is missing (" + k.Description + ")");

    /// <summary>(group, NAME) pairs of the pattern keys set, flattened, in order of first appearance.</summary>
    public static ArrayList PatternNames(ArrayList entries)
    {
        var pairs = new ArrayList();
        for (int i = 0; i < entries.Count; i++)
        {
            var e = (ConfigEntry)entries[i]!;
            string? name = e.PatternName;
            if (name == null) continue;
            bool seen = false;
            for (int j = 0; j < pairs.Count && !seen; j += 2)
                seen = e.InGroup((string)pairs[j]!) && (string)pairs[j + 1]! == name;
            if (!seen)
            {
                pairs.Add(e.Group!);
                pairs.Add(name);
            }
        }
        return pairs;
    }

    public static ConfigEntry? Find(ArrayList entries, string key)
    {
        int at = IndexOf(entries, key);
        return at < 0 ? null : (ConfigEntry)entries[at]!;
    }

    static int IndexOf(ArrayList entries, string key)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            if (((ConfigEntry)entries[i]!).Name == key) return i;
        }
        return -1;
    }

    static string Concrete(string key, string? name) =>
        name != null && key.IndexOf('*') >= 0 ? ConfigSchema.WithName(key, name) : key;

    static bool Lists(string[] keys, string key)
    {
        for (int i = 0; i < keys.Length; i++)
            if (keys[i] == key) return true;
        return false;
    }

    /// <summary>The value in quotes, or "the value" for a secret.</summary>
    static string Echo(ConfigEntry e) => e.IsSecret ? "the value" : Quote(e.Value);

    static string Quote(string v) =>
        "\"" + (v.Length > MaxEcho ? Ascii.Slice(v, 0, MaxEcho) + "..." : v) + "\"";

    static string RangeText(ConfigKey k) =>
        k.Max == int.MaxValue ? "at least " + Ascii.FromInt(k.Min) : Ascii.FromInt(k.Min) + "-" + Ascii.FromInt(k.Max);

    /// <summary>Stable insertion sort by line (few errors; nanoFramework has no generic sort).</summary>
    static void SortByLine(ArrayList errors)
    {
        for (int i = 1; i < errors.Count; i++)
        {
            var e = (ConfigError)errors[i]!;
            int j = i - 1;
            while (j >= 0 && ((ConfigError)errors[j]!).Line > e.Line)
            {
                errors[j + 1] = errors[j];
                j--;
            }
            errors[j + 1] = e;
        }
    }

    static ConfigError[] ToErrorArray(ArrayList list)
    {
        var a = new ConfigError[list.Count];
        for (int i = 0; i < a.Length; i++) a[i] = (ConfigError)list[i]!;
        return a;
    }
}
