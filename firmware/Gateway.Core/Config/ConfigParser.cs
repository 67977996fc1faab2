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
/// <para>
/// It reads the UTF-8 bytes as a file holds them and makes a string only for what it keeps (each key
/// and value) or reports: on the device every other string would be garbage, and each copy of a
/// piece of a string a UTF-16 conversion on the heap. Schema rows are read in place (<see cref="SchemaRow"/>).
/// </para>
/// </summary>
internal static class ConfigParser
{
    const int MaxEcho = 60; // longer values are cut in messages; the line number finds the rest

    public static ConfigParseResult Parse(byte[] data, int offset, int count, ConfigSchema schema)
    {
        try
        {
            return ParseLines(data, offset, count, schema);
        }
        catch (OutOfMemoryException)
        {
            // A small device heap: say so instead of leaving a half-read configuration (nothing is kept).
            return ConfigParseResult.Failed("out of memory while reading the configuration (" + Ascii.FromInt(count) + " bytes)");
        }
    }

    static ConfigParseResult ParseLines(byte[] data, int offset, int count, ConfigSchema schema)
    {
        var entries = new ConfigEntries(CountAssignments(data, offset, count)); // in line order
        ArrayList? errors = null;       // ConfigError; made with the first (a good file has none)
        var text = new char[64];        // where a key or value is decoded before it becomes a string; grows
        int end = offset + count, at = FirstLine(data, offset, count), lineNo = 0;
        while (at < end)
        {
            if (++lineNo > ConfigEntry.MaxLine)
                return ConfigParseResult.Failed("more than " + Ascii.FromInt(ConfigEntry.MaxLine) + " lines: not a configuration file");
            int start = at, lineEnd = NextLine(data, ref at, end);
            if (Content(data, ref start, ref lineEnd))
                ReadLine(data, start, lineEnd, lineNo, ref text, schema, entries, ref errors);
        }

        var role = RoleOf(schema, entries);
        for (int i = 0; i < entries.Count; i++)
        {
            CheckRelations(i, entries, ref errors);
            if (!SchemaRow.BelongsTo(entries[i].Row, role))
                Add(ref errors, new ConfigError(entries[i].Line, entries[i].Name,
                    "not a key of an operator's file (role = operator): it belongs in the device's configuration"));
        }
        if (errors != null) SortByLine(errors);
        CheckRequired(schema, entries, role, ref errors);

        if (errors != null)
            return new ConfigParseResult(null, ToErrorArray(errors));
        return new ConfigParseResult(new GatewayConfig(schema, entries, role), new ConfigError[0]);
    }

    /// <summary>Where the first line starts: after a UTF-8 BOM, if any.</summary>
    static int FirstLine(byte[] data, int offset, int count) =>
        count >= 3 && data[offset] == 0xEF && data[offset + 1] == 0xBB && data[offset + 2] == 0xBF ? offset + 3 : offset;

    /// <summary>The end of the line starting at <paramref name="at"/> (before LF or CRLF); <paramref name="at"/> moves to the next line.</summary>
    static int NextLine(byte[] data, ref int at, int end)
    {
        int start = at, lineEnd = at;
        while (lineEnd < end && data[lineEnd] != (byte)'\n') lineEnd++;
        at = lineEnd + 1;
        return lineEnd > start && data[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
    }

    /// <summary>Trims the line of blanks; false for an empty line or a comment (its first non-blank char is '#').</summary>
    static bool Content(byte[] data, ref int start, ref int end)
    {
        while (start < end && Ascii.IsBlank(data[start])) start++;
        while (end > start && Ascii.IsBlank(data[end - 1])) end--;
        return start < end && data[start] != (byte)'#';
    }

    /// <summary>How many lines hold an '=' and are not comments: no file has more entries.</summary>
    static int CountAssignments(byte[] data, int offset, int count)
    {
        int n = 0, end = offset + count;
        for (int at = FirstLine(data, offset, count); at < end;)
        {
            int start = at, lineEnd = NextLine(data, ref at, end);
            if (!Content(data, ref start, ref lineEnd)) continue;
            while (start < lineEnd && data[start] != (byte)'=') start++;
            if (start < lineEnd) n++;
        }
        return n;
    }

    /// <summary>Reads one line of content (trimmed; not a comment).</summary>
    static void ReadLine(byte[] data, int start, int end, int lineNo, ref char[] text, ConfigSchema schema,
        ConfigEntries entries, ref ArrayList? errors)
    {
        if (text.Length < end - start) text = new char[end - start];

        int eq = start;
        while (eq < end && data[eq] != (byte)'=') eq++;
        if (eq == end)
        {
            // The text could be a password pasted on its own line: name a key only if the first word is one.
            int blank = start;
            while (blank < end && !Ascii.IsBlank(data[blank])) blank++;
            string first = KeyText(data, start, blank, text);
            string known = ConfigSchema.IsValidName(first, false) && schema.RowOf(first) != null ? first : "";
            Add(ref errors, new ConfigError(lineNo, known,
                "no '=' on this line (expected key = value; the line is not shown in case it holds a secret)"));
            return;
        }

        int keyEnd = eq, valueStart = eq + 1;
        while (keyEnd > start && Ascii.IsBlank(data[keyEnd - 1])) keyEnd--;
        while (valueStart < end && Ascii.IsBlank(data[valueStart])) valueStart++;
        if (keyEnd == start)
        {
            Add(ref errors, new ConfigError(lineNo, "", "no key before '=' (expected key = value)"));
            return;
        }
        // A key of the table without '*' (most of them) is found in the bytes and keeps no name of its own;
        // only a pattern key ("rule.hot.above") becomes a string, which its entry keeps.
        string? key = null;
        string? row = schema.ExactRow(data, start, keyEnd);
        if (row == null)
        {
            key = KeyText(data, start, keyEnd, text);
            if (!ConfigSchema.IsValidName(key, false))
            {
                Add(ref errors, new ConfigError(lineNo, "",
                    "malformed key (a-z, 0-9, '-' and '_' in parts joined by '.'); not shown in case it holds a secret"));
                return;
            }
            row = schema.RowOf(key);
            if (row == null)
            {
                string? suggestion = schema.Suggest(key);
                if (suggestion != null)
                    Add(ref errors, new ConfigError(lineNo, key, "unknown key (did you mean " + suggestion + "?)"));
                else if (schema.HasGroup(key))
                    Add(ref errors, new ConfigError(lineNo, key, "unknown key"));
                else
                    // "hunter2=x" alone on a line reads as key "hunter2": show only names that look like ours.
                    Add(ref errors, new ConfigError(lineNo, "", "unknown key (not shown in case it is part of a secret; keys begin with "
                        + schema.Groups() + ")"));
                return;
            }
        }

        var earlier = key == null ? entries.FindRow(row) : entries.Find(key);
        if (earlier != null)
        {
            Add(ref errors, new ConfigError(lineNo, earlier.Name,
                "duplicate key: already set on line " + Ascii.FromInt(earlier.Line) + " (this line is ignored)"));
            return;
        }

        string value = end == valueStart ? "" : new string(text, 0, Utf8.Decode(data, valueStart, end - valueStart, text));
        var entry = new ConfigEntry(key, value, lineNo, row);
        entries.Add(entry); // kept even when invalid: it is present for the cross-key checks
        string? problem;
        if (value.Length == 0) problem = "has no value (remove the line to leave the key unset)";
        else if (ConfigValues.HasControl(value)) problem = "the value contains a control character";
        else problem = Check(entry, row);
        if (problem != null)
            Add(ref errors, new ConfigError(lineNo, entry.Name, problem));
    }

    static void Add(ref ArrayList? errors, ConfigError error)
    {
        if (errors == null) errors = new ArrayList();
        errors.Add(error);
    }

    /// <summary>A key as written, ASCII letters in lower case; any other byte over 0x7F becomes '?' (no key holds one).</summary>
    static string KeyText(byte[] data, int start, int end, char[] text)
    {
        for (int i = start; i < end; i++)
        {
            int b = data[i];
            text[i - start] = b >= 0x80 ? '?' : Ascii.ToLower((char)b);
        }
        return new string(text, 0, end - start);
    }

    /// <summary>Reads the entry's value by its kind into its typed fields; returns null or what is wrong.</summary>
    public static string? Check(ConfigEntry e, string row)
    {
        string v = e.Value;
        SchemaRow.Range(row, out int min, out int max);
        switch (e.Kind)
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
                if (!Ascii.TryParseInt(v, out e.Number) || e.Number < min || e.Number > max)
                    return Echo(e) + " is not a port (" + RangeText(min, max) + ")";
                return null;

            case ConfigKind.Int:
                if (!Ascii.TryParseInt(v, out e.Number))
                    return Echo(e) + " is not a whole number";
                if (e.Number < min || e.Number > max)
                    return Echo(e) + " is out of range (" + RangeText(min, max) + ")";
                return null;

            case ConfigKind.Number:
            {
                if (!ConfigValues.TryParseNumber(v, out _)) return Echo(e) + " is not a number (digits, an optional '-' and '.', e.g. -2.5)";
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
                if (e.Number < min)
                    return Echo(e) + " is shorter than the least allowed, " + ConfigValues.FormatDuration(min);
                if (e.Number > max)
                    return Echo(e) + " is longer than the most allowed, " + ConfigValues.FormatDuration(max);
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

            case ConfigKind.Role:
            {
                if (!ConfigValues.TryParseRole(v, out var role)) return Echo(e) + " is not a role (device or operator)";
                e.Number = (int)role;
                return null;
            }

            case ConfigKind.AddressList:
            case ConfigKind.List:
            {
                // Checked in place; the items are made when read (ConfigEntry.Items).
                int item = 0;
                for (int start = 0; start <= v.Length; item++)
                {
                    int comma = v.IndexOf(',', start);
                    int end = comma < 0 ? v.Length : comma;
                    while (start < end && Ascii.IsBlank(v[start])) start++;
                    while (end > start && Ascii.IsBlank(v[end - 1])) end--;
                    if (start == end)
                        return Echo(e) + " has an empty item " + Ascii.FromInt(item + 1) + " (items are separated by ',')";
                    if (e.Kind == ConfigKind.AddressList && !ConfigValues.IsAddress(v, start, end))
                        return "item " + Ascii.FromInt(item + 1) + (e.IsSecret ? "" : " (" + Quote(Ascii.Slice(v, start, end - start)) + ")")
                            + " is not a mail address (local@domain)";
                    if (comma < 0) break;
                    start = comma + 1;
                }
                return null;
            }

            case ConfigKind.Base64:
            {
                byte[] bytes; // decoded to check it, and again when read (ConfigEntry.Bytes): the entry keeps the text only
                try
                {
                    bytes = Convert.FromBase64String(v);
                }
                catch (Exception)
                {
                    // FormatException on .NET and nanoFramework; any failure means the same thing here.
                    return Echo(e) + " is not valid base64";
                }
                if (bytes.Length < min)
                    return Echo(e) + " decodes to " + Ascii.FromInt(bytes.Length) + " bytes; at least "
                        + Ascii.FromInt(min) + " are needed";
                if (bytes.Length > max)
                    return Echo(e) + " decodes to " + Ascii.FromInt(bytes.Length) + " bytes; at most "
                        + Ascii.FromInt(max) + " are allowed";
                return null;
            }

            default:
                return "has a kind this parser does not know";
        }
    }

    /// <summary>The role the file gives itself (its <c>role</c> key, when valid), else a device's.</summary>
    static ConfigRole RoleOf(ConfigSchema schema, ConfigEntries entries)
    {
        string? row = schema.RowOf("role");
        var e = row == null ? null : entries.FindRow(row);
        return e != null && e.Kind == ConfigKind.Role ? (ConfigRole)e.Number : ConfigRole.Device;
    }

    /// <summary>Keys this entry needs, and keys it may not be combined with.</summary>
    static void CheckRelations(int index, ConfigEntries entries, ref ArrayList? errors)
    {
        var e = entries[index];
        string row = e.Row;
        int nameStart = 0, nameEnd = 0;
        if (e.IsPattern) e.NameRange(out nameStart, out nameEnd);
        string? name = e.IsPattern ? e.Name : null;
        int needs = SchemaRow.RuleCount(row, SchemaRow.Requires);
        for (int i = 0; i < needs; i++)
        {
            SchemaRow.RuleItem(row, SchemaRow.Requires, i, out int start, out int end);
            if (entries.IndexOf(row, start, end, name, nameStart, nameEnd) < 0)
                Add(ref errors, new ConfigError(e.Line, e.Name, "needs " + SchemaRow.RuleItem(row, SchemaRow.Requires, i, e.PatternName) + ", which is not set"));
        }

        int excludes = SchemaRow.RuleCount(row, SchemaRow.Excludes);
        for (int i = 0; i < excludes; i++)
        {
            SchemaRow.RuleItem(row, SchemaRow.Excludes, i, out int start, out int end);
            int at = entries.IndexOf(row, start, end, name, nameStart, nameEnd);
            if (at < 0) continue;
            var other = entries[at];
            // Report a clash once, on the later line; the earlier key reports it only if the later one's rule is silent.
            int otherStart = 0, otherEnd = 0;
            if (other.IsPattern) other.NameRange(out otherStart, out otherEnd);
            bool mutual = SchemaRow.RuleLists(other.Row, SchemaRow.Excludes, e.Name,
                other.IsPattern ? other.Name : null, otherStart, otherEnd);
            if (other.Line < e.Line)
                Add(ref errors, new ConfigError(e.Line, e.Name, Clash(other)));
            else if (!mutual)
                Add(ref errors, new ConfigError(other.Line, other.Name, Clash(e)));
        }
    }

    static string Clash(ConfigEntry earlier) =>
        "cannot be combined with " + earlier.Name + " (line " + Ascii.FromInt(earlier.Line) + "): set only one";

    /// <summary>Keys the role requires that are missing, in schema order; for a pattern key, for every NAME used in its group (in order of first use).</summary>
    static void CheckRequired(ConfigSchema schema, ConfigEntries entries, ConfigRole role, ref ArrayList? errors)
    {
        var rows = schema.Rows;
        for (int r = 0; r < rows.Length; r++)
        {
            string row = rows[r];
            if (!SchemaRow.IsRequiredIn(row, role)) continue;
            int nameEnd = SchemaRow.NameEnd(row);
            if (SchemaRow.StarSegment(row) == 0)
            {
                if (entries.IndexOf(row, 0, nameEnd, null, 0, 0) < 0) Add(ref errors, Missing(Ascii.Slice(row, 0, nameEnd), row));
                continue;
            }
            for (int i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (!e.IsPattern || !e.SameGroup(row) || UsedEarlier(entries, i)) continue;
                e.NameRange(out int nameStart, out int nameStop);
                if (entries.IndexOf(row, 0, nameEnd, e.Name, nameStart, nameStop) < 0)
                    Add(ref errors, Missing(ConfigSchema.WithName(Ascii.Slice(row, 0, nameEnd), e.PatternName!), row));
            }
        }
    }

    /// <summary>Whether an entry before <paramref name="index"/> sets a key of the same group with the same NAME.</summary>
    static bool UsedEarlier(ConfigEntries entries, int index)
    {
        var e = entries[index];
        for (int i = 0; i < index; i++)
            if (entries[i].IsPattern && entries[i].SameGroupAndName(e)) return true;
        return false;
    }

    static ConfigError Missing(string key, string row)
    {
        SchemaRow.Field(row, SchemaRow.DescriptionField, out int start, out int end);
        return new ConfigError(0, key, "required key is missing (" + Ascii.Slice(row, start, end - start) + ")");
    }

    /// <summary>(group, NAME) pairs of the pattern keys set, flattened, in order of first appearance (for listing).</summary>
    public static ArrayList PatternNames(ConfigEntries entries)
    {
        var pairs = new ArrayList();
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!e.IsPattern || UsedEarlier(entries, i)) continue;
            pairs.Add(e.Group!);
            pairs.Add(e.PatternName!);
        }
        return pairs;
    }

    /// <summary>The value in quotes, or "the value" for a secret.</summary>
    static string Echo(ConfigEntry e) => e.IsSecret ? "the value" : Quote(e.Value);

    static string Quote(string v) =>
        "\"" + (v.Length > MaxEcho ? Ascii.Slice(v, 0, MaxEcho) + "..." : v) + "\"";

    static string RangeText(int min, int max) =>
        max == int.MaxValue ? "at least " + Ascii.FromInt(min) : Ascii.FromInt(min) + "-" + Ascii.FromInt(max);

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
