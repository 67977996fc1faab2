using System;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// The table of keys a configuration file may set (<see cref="GatewaySchema"/> is the gateway's): one
/// line of text per key (<see cref="ConfigKey"/> says how a row reads). Key names are lower case:
/// segments of a-z, 0-9, '-' and '_' separated by '.'; in a pattern a whole segment may be '*',
/// matching one such segment (a NAME) of a concrete key. The table is text so that it can be a
/// constant: a row becomes an object only while it is used.
/// </summary>
public sealed class ConfigSchema
{
    readonly string[] _rows;

    /// <summary>A schema of one row per line of <paramref name="table"/> (blank lines are skipped).</summary>
    /// <exception cref="ArgumentException">A row is malformed, a name repeated, or a rule names a key the table lacks.</exception>
    public ConfigSchema(string table) : this(Lines(table))
    {
    }

    /// <summary>A schema of these rows, one key each.</summary>
    /// <exception cref="ArgumentException">A row is malformed, a name repeated, or a rule names a key the table lacks.</exception>
    public ConfigSchema(string[] rows)
    {
        _rows = rows;
        var keys = Keys;
        for (int i = 0; i < keys.Length; i++)
        {
            var k = keys[i];
            if (!IsValidName(k.Name, true))
                throw new ArgumentException("malformed key name in schema: " + k.Name);
            for (int j = 0; j < i; j++)
                if (keys[j].Name == k.Name)
                    throw new ArgumentException("key listed twice in schema: " + k.Name);
        }
        for (int i = 0; i < keys.Length; i++)
        {
            var k = keys[i];
            CheckReferences(k, k.RequiredKeys);
            CheckReferences(k, k.ExcludedKeys);
            if (k.DefaultKey != null && FindExact(k.DefaultKey) == null)
                throw new ArgumentException(k.Name + ": its default depends on a key not in the schema: " + k.DefaultKey);
        }
    }

    /// <summary>The rows, in table order (also the order of <see cref="GatewayConfig.ToMaskedText"/>).</summary>
    public ConfigKey[] Keys
    {
        get
        {
            var keys = new ConfigKey[_rows.Length];
            for (int i = 0; i < keys.Length; i++) keys[i] = new ConfigKey(_rows[i]);
            return keys;
        }
    }

    /// <summary>The row texts, for reading them one at a time without making every key.</summary>
    internal string[] Rows => _rows;

    /// <summary>The row for a concrete key: its own, or the first pattern it matches; null if none.</summary>
    public ConfigKey? Find(string key)
    {
        string? row = RowOf(key);
        return row == null ? null : new ConfigKey(row);
    }

    /// <summary>The row of a concrete key: its own, or the first pattern it matches; null if none. Reads rows in place.</summary>
    internal string? RowOf(string key)
    {
        string? pattern = null;
        for (int i = 0; i < _rows.Length; i++)
        {
            string row = _rows[i];
            int end = SchemaRow.NameEnd(row);
            if (end == key.Length && Ascii.RegionEquals(row, 0, key, 0, end)) return row;
            if (pattern == null && StarSegment(row, 0, end, key, 0) != NoMatch) pattern = row;
        }
        return pattern;
    }

    /// <summary>The row, without '*', whose name is the key in data[start, end) (its letters in any case); null if none. Reads the bytes in place.</summary>
    internal string? ExactRow(byte[] data, int start, int end)
    {
        for (int i = 0; i < _rows.Length; i++)
            if (SchemaRow.NameIs(_rows[i], data, start, end)) return _rows[i];
        return null;
    }


    /// <summary>A key of the table one edit (insert, delete, replace, swap of neighbours) from <paramref name="key"/>, or null.</summary>
    public string? Suggest(string key)
    {
        var keys = Keys;
        for (int i = 0; i < keys.Length; i++)
        {
            string candidate = keys[i].Name;
            if (keys[i].IsPattern)
            {
                // Fill the pattern's NAME segments from the key's own, so "rule.hot.abve" meets "rule.hot.above".
                var filled = Fill(candidate, key);
                if (filled == null) continue;
                candidate = filled;
            }
            if (IsOneEditAway(key, candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Whether the first part of <paramref name="key"/> (before its first '.') begins some key of the table.</summary>
    public bool HasGroup(string key)
    {
        var keys = Keys;
        int dot = key.IndexOf('.');
        if (dot <= 0) return false;
        for (int i = 0; i < keys.Length; i++)
            if (keys[i].Name.Length > dot && keys[i].Name[dot] == '.' && Ascii.StartsWith(keys[i].Name, Ascii.Slice(key, 0, dot + 1)))
                return true;
        return false;
    }

    /// <summary>The first parts of the table's keys, in table order: "device, smtp, alert".</summary>
    public string Groups()
    {
        var keys = Keys;
        string list = "";
        for (int i = 0; i < keys.Length; i++)
        {
            string name = keys[i].Name;
            int dot = name.IndexOf('.');
            string group = dot < 0 ? name : Ascii.Slice(name, 0, dot);
            if (Ascii.Contains(", " + list + ",", ", " + group + ",")) continue;
            list = list.Length == 0 ? group : list + ", " + group;
        }
        return list;
    }

    /// <summary>Whether <paramref name="key"/> is a well-formed (lower-case) key name; with <paramref name="allowPattern"/>, '*' segments too.</summary>
    public static bool IsValidName(string key, bool allowPattern)
    {
        if (key.Length == 0) return false;
        int segmentStart = 0;
        for (int i = 0; i <= key.Length; i++)
        {
            if (i == key.Length || key[i] == '.')
            {
                int len = i - segmentStart;
                if (len == 0) return false;
                if (key[segmentStart] == '*' && (len != 1 || !allowPattern)) return false;
                segmentStart = i + 1;
                continue;
            }
            char c = key[i];
            if (!(IsNameChar(c) || (c == '*' && allowPattern))) return false;
        }
        return true;
    }

    /// <summary>A NAME segment's characters: a-z, 0-9, '-', '_'.</summary>
    public static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || Ascii.IsDigit(c) || c == '-' || c == '_';

    /// <summary>
    /// Whether a key's name says it holds a secret (a password, token, key or other secret). The schema's
    /// own flag is authoritative; this is the safety net for keys it does not know or forgot to flag.
    /// </summary>
    public static bool LooksSecret(string key) => SchemaRow.LooksSecret(key, 0, key.Length);

    // The pattern helpers walk segments by index: the device looks keys up on every loop tick, and a
    // Split per lookup was most of what parsing the configuration allocated.

    /// <summary>Whether the concrete <paramref name="key"/> matches <paramref name="pattern"/> segment by segment.</summary>
    public static bool Matches(string pattern, string key) => StarSegment(pattern, 0, pattern.Length, key, 0) != NoMatch;

    /// <summary>The NAME that <paramref name="key"/> puts in the first '*' of <paramref name="pattern"/>, or null.</summary>
    public static string? NameIn(string pattern, string key)
    {
        long at = StarSegment(pattern, 0, pattern.Length, key, 1);
        if (at == NoMatch || at == NoStar) return null;
        int start = (int)(at >> 32), end = (int)(at & 0xFFFFFFFF);
        return Ascii.Slice(key, start, end - start);
    }

    /// <summary>The pattern with each '*' replaced by <paramref name="name"/>: "rule.*.above", "hot" gives "rule.hot.above".</summary>
    public static string WithName(string pattern, string name)
    {
        int stars = 0;
        for (int i = 0; i < pattern.Length; i++)
            if (pattern[i] == '*') stars++;
        if (stars == 0) return pattern;
        var chars = new char[pattern.Length + stars * (name.Length - 1)];
        int n = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '*') { chars[n++] = pattern[i]; continue; }
            for (int j = 0; j < name.Length; j++) chars[n++] = name[j];
        }
        return new string(chars);
    }

    /// <summary>The part of a pattern before its first '*': "rule.*.above" gives "rule".</summary>
    public static string GroupOf(string pattern)
    {
        int star = pattern.IndexOf('*');
        if (star < 0) return pattern;
        return star == 0 ? "" : Ascii.Slice(pattern, 0, star - 1);
    }

    /// <summary>Whether <paramref name="pattern"/>'s part before its first '*' is <paramref name="group"/> (<see cref="GroupOf"/> without a copy).</summary>
    public static bool InGroup(string pattern, string group)
    {
        int star = pattern.IndexOf('*');
        if (star < 0) return pattern == group;
        int length = star == 0 ? 0 : star - 1;
        return group.Length == length && Ascii.RegionEquals(pattern, 0, group, 0, length);
    }

    const long NoMatch = -1;
    const long NoStar = -2;

    /// <summary>
    /// Compares segment by segment. NoMatch when the key does not match; otherwise, with
    /// <paramref name="wantStar"/> 1, the first '*' segment's range in the key (start &lt;&lt; 32 | end), or NoStar.
    /// </summary>
    static long StarSegment(string pattern, int p, int patternEnd, string key, int wantStar)
    {
        long star = NoStar;
        int k = 0;
        while (true)
        {
            int pe = SegmentEnd(pattern, p, patternEnd), ke = SegmentEnd(key, k, key.Length);
            bool wild = pe - p == 1 && pattern[p] == '*';
            if (!wild && (pe - p != ke - k || !Ascii.RegionEquals(pattern, p, key, k, pe - p))) return NoMatch;
            if (wild && star == NoStar && wantStar == 1) star = ((long)k << 32) | (uint)ke;
            bool patternDone = pe == patternEnd, keyDone = ke == key.Length;
            if (patternDone || keyDone) return patternDone && keyDone ? star : NoMatch;
            p = pe + 1;
            k = ke + 1;
        }
    }

    static int SegmentEnd(string s, int from, int end)
    {
        int dot = s.IndexOf('.', from);
        return dot < 0 || dot > end ? end : dot;
    }

    /// <summary>True when a and b differ by one inserted, deleted or replaced char, or two swapped neighbours.</summary>
    public static bool IsOneEditAway(string a, string b)
    {
        if (a == b) return false;
        int la = a.Length, lb = b.Length;
        if (la - lb > 1 || lb - la > 1) return false;
        int start = 0;
        while (start < la && start < lb && a[start] == b[start]) start++;
        int ea = la, eb = lb;
        while (ea > start && eb > start && a[ea - 1] == b[eb - 1]) { ea--; eb--; }
        int da = ea - start, db = eb - start; // the differing middle parts
        if (da <= 1 && db <= 1) return true;   // one replace, insert or delete
        return da == 2 && db == 2 && a[start] == b[start + 1] && a[start + 1] == b[start];
    }

    ConfigKey? FindExact(string key)
    {
        var k = Find(key);
        return k != null && k.Name == key ? k : null;
    }

    static string[] Lines(string table)
    {
        var lines = table.Split('\n');
        int count = 0;
        for (int i = 0; i < lines.Length; i++)
            if (Ascii.TrimBlanks(lines[i].TrimEnd('\r')).Length > 0) count++;
        var rows = new string[count];
        int n = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string row = Ascii.TrimBlanks(lines[i].TrimEnd('\r'));
            if (row.Length > 0) rows[n++] = row;
        }
        return rows;
    }

    void CheckReferences(ConfigKey k, string[] names)
    {
        for (int j = 0; j < names.Length; j++)
            if (FindExact(names[j]) == null)
                throw new ArgumentException(k.Name + ": refers to a key not in the schema: " + names[j]);
    }

    static string? Fill(string pattern, string key)
    {
        var p = pattern.Split('.');
        var k = key.Split('.');
        if (p.Length != k.Length) return null;
        string result = "";
        for (int i = 0; i < p.Length; i++)
            result = (i == 0 ? "" : result + ".") + (p[i] == "*" ? k[i] : p[i]);
        return result;
    }
}
