using System;
using Gateway.Core.Text;

namespace Gateway.Core.Config;

/// <summary>
/// Reads one schema row (<c>name | kind | default | flags | rules | description</c>) in place, without
/// copying any part of it: the parser asks these questions for every line of a configuration and the
/// loop for every key it reads, and on the device each copy is a UTF-16 conversion on the heap.
/// <see cref="ConfigKey"/> is the object view of a row for tools; both read through here.
/// </summary>
internal static class SchemaRow
{
    public const int KindField = 1, DefaultField = 2, FlagsField = 3, RulesField = 4, DescriptionField = 5;

    // Every evaluation of a string literal allocates a string header on nanoFramework (ldstr), and these
    // words are read for every line parsed and every key looked up: each list is made once, on first use,
    // and a word is named by its index in its list (a static field per word would cost RAM at boot).
    static string? s_flags, s_rules, s_kinds, s_secretWords;

    /// <summary>The flags a row may have, each followed by a blank; <see cref="Required"/> and the others index it.</summary>
    static string Flags => s_flags ?? (s_flags = "required secret operator operator-required ");

    /// <summary>Required in each role the key belongs to.</summary>
    public const int Required = 0;
    /// <summary>A secret: never shown.</summary>
    public const int Secret = 1;
    /// <summary>Also a key of an operator's file (every key is a device's).</summary>
    public const int Operator = 2;
    /// <summary>A key of an operator's file, required there (and not on the device).</summary>
    public const int OperatorRequired = 3;
    const int FlagCount = 4;

    /// <summary>The rules a row may have, each followed by a blank; <see cref="RangeRule"/> and the others index it.</summary>
    static string Rules => s_rules ?? (s_rules = "range requires excludes default-by ");

    public const int RangeRule = 0, Requires = 1, Excludes = 2, DefaultBy = 3;

    /// <summary>The kinds as the table writes them, in the order of <see cref="ConfigKind"/>, each followed by a blank.</summary>
    static string Kinds => s_kinds ?? (s_kinds = "text identifier host port int bool duration tls address address-list list base64 number role ");

    /// <summary>What a secret's name holds in its last segment ("key" only as the whole segment), each followed by a blank.</summary>
    static string SecretWords => s_secretWords ?? (s_secretWords = "pass token secret key ");

    /// <summary>Where word <paramref name="index"/> of a blank-separated list starts; its length in <paramref name="length"/>.</summary>
    static int Word(string list, int index, out int length)
    {
        int start = 0;
        for (int i = 0; i < index; i++) start = list.IndexOf(' ', start) + 1;
        length = list.IndexOf(' ', start) - start;
        return start;
    }

    /// <summary>Where the row's name ends (rows begin with the name, unindented).</summary>
    public static int NameEnd(string row)
    {
        int bar = row.IndexOf('|');
        int end = bar < 0 ? row.Length : bar;
        while (end > 0 && Ascii.IsBlank(row[end - 1])) end--;
        return end;
    }

    /// <summary>Whether the row's name is exactly <paramref name="key"/> (no pattern matching).</summary>
    public static bool NameIs(string row, string key)
    {
        int end = NameEnd(row);
        return end == key.Length && Ascii.RegionEquals(row, 0, key, 0, end);
    }

    /// <summary>Field <paramref name="index"/>, trimmed; false when the row has fewer fields.</summary>
    public static bool Field(string row, int index, out int start, out int end)
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

    /// <summary>The row's kind; -1 when the word is unknown or the field missing.</summary>
    public static int Kind(string row)
    {
        if (!Field(row, KindField, out int start, out int end)) return -1;
        string kinds = Kinds;
        int kind = 0;
        for (int word = 0; word < kinds.Length; kind++)
        {
            int blank = kinds.IndexOf(' ', word);
            if (blank - word == end - start && Ascii.RegionEquals(kinds, word, row, start, end - start)) return kind;
            word = blank + 1;
        }
        return -1;
    }

    /// <summary>Whether the flags field (blank-separated words) holds flag <paramref name="flag"/> (<see cref="Required"/>, ...).</summary>
    public static bool HasFlag(string row, int flag)
    {
        if (!Field(row, FlagsField, out int i, out int end)) return false;
        int word = Word(Flags, flag, out int length);
        while (i < end)
        {
            int stop = i;
            while (stop < end && !Ascii.IsBlank(row[stop])) stop++;
            if (stop - i == length && Ascii.RegionEquals(row, i, Flags, word, length)) return true;
            i = stop;
            while (i < end && Ascii.IsBlank(row[i])) i++;
        }
        return false;
    }

    /// <summary>Whether every word of the flags field is a known flag (for checking a schema).</summary>
    public static bool FlagsKnown(string row)
    {
        if (!Field(row, FlagsField, out int i, out int end)) return false;
        string flags = Flags;
        while (i < end)
        {
            int stop = i;
            while (stop < end && !Ascii.IsBlank(row[stop])) stop++;
            bool known = false;
            for (int f = 0; f < FlagCount && !known; f++)
            {
                int word = Word(flags, f, out int length);
                known = stop - i == length && Ascii.RegionEquals(row, i, flags, word, length);
            }
            if (!known) return false;
            i = stop;
            while (i < end && Ascii.IsBlank(row[i])) i++;
        }
        return true;
    }

    /// <summary>Required in a device's configuration.</summary>
    public static bool IsRequired(string row) => HasFlag(row, Required);

    /// <summary>Whether the key may be set in a file of <paramref name="role"/>: a device's file takes every key, an operator's only those flagged for it.</summary>
    public static bool BelongsTo(string row, ConfigRole role) =>
        role == ConfigRole.Device || HasFlag(row, Operator) || HasFlag(row, OperatorRequired);

    /// <summary>Whether a file of <paramref name="role"/> must set the key.</summary>
    public static bool IsRequiredIn(string row, ConfigRole role) =>
        role == ConfigRole.Device ? HasFlag(row, Required)
            : HasFlag(row, OperatorRequired) || (HasFlag(row, Required) && HasFlag(row, Operator));

    /// <summary>Flagged secret, or named like one (the safety net of <see cref="ConfigSchema.LooksSecret"/>).</summary>
    public static bool IsSecret(string row) => HasFlag(row, Secret) || LooksSecret(row, 0, NameEnd(row));

    /// <summary>Whether the last segment of the name in <paramref name="s"/>[start, end) says secret: it holds pass, token or secret, or is key (case ignored).</summary>
    public static bool LooksSecret(string s, int start, int end)
    {
        int last = end;
        while (last > start && s[last - 1] != '.') last--;
        string words = SecretWords;
        for (int word = 0; word < words.Length;)
        {
            int blank = words.IndexOf(' ', word);
            int length = blank - word;
            bool whole = blank == words.Length - 1; // the last word, "key", counts only as the whole segment
            for (int i = whole ? end - length : last; i >= last && i + length <= end; i++)
                if (RegionEqualsIgnoreCase(s, i, words, word, length) && (!whole || i == last)) return true;
            word = blank + 1;
        }
        return false;
    }

    /// <summary>1 + the index of the name's first '*' segment; 0 when it has none.</summary>
    public static int StarSegment(string row)
    {
        int end = NameEnd(row), segment = 0;
        for (int i = 0; i < end; i++)
        {
            if (row[i] == '*') return segment + 1;
            if (row[i] == '.') segment++;
        }
        return 0;
    }

    /// <summary>The text of rule <paramref name="rule"/> (<see cref="RangeRule"/>, ...; after "name="): its range in the row; false when the row has none.</summary>
    public static bool Rule(string row, int rule, out int start, out int end)
    {
        Field(row, RulesField, out int i, out int fieldEnd);
        string rules = Rules;
        int word = Word(rules, rule, out int length);
        while (i < fieldEnd)
        {
            while (i < fieldEnd && Ascii.IsBlank(row[i])) i++;
            int tokenEnd = i;
            while (tokenEnd < fieldEnd && !Ascii.IsBlank(row[tokenEnd])) tokenEnd++;
            if (tokenEnd - i > length && row[i + length] == '=' && Ascii.RegionEquals(row, i, rules, word, length))
            {
                start = i + length + 1;
                end = tokenEnd;
                return true;
            }
            i = tokenEnd;
        }
        start = end = 0;
        return false;
    }

    /// <summary>The least and greatest value (range rule, else the kind's own: ports 1-65535, anything else 0 up); false when the range is malformed.</summary>
    public static bool Range(string row, out int min, out int max)
    {
        var kind = (ConfigKind)Kind(row);
        min = kind == ConfigKind.Port ? 1 : 0;
        max = kind == ConfigKind.Port ? 65535 : int.MaxValue;
        if (!Rule(row, RangeRule, out int start, out int end)) return true;
        int dots = start;
        while (dots + 1 < end && !(row[dots] == '.' && row[dots + 1] == '.')) dots++;
        if (dots + 1 >= end) return false;
        return Bound(row, kind, start, dots, out min) && Bound(row, kind, dots + 2, end, out max) && min <= max;
    }

    static bool Bound(string row, ConfigKind kind, int start, int end, out int value) =>
        kind == ConfigKind.Duration ? ConfigValues.ParseDurationMs(row, start, end - start, out value) == null
            : Ascii.TryParseInt(row, start, end - start, out value);

    /// <summary>
    /// Whether the comma-separated list of rule <paramref name="rule"/> (requires, excludes) names
    /// <paramref name="key"/>, a '*' of the listed name standing for name[nameStart, nameEnd).
    /// </summary>
    public static bool RuleLists(string row, int rule, string key, string? name, int nameStart, int nameEnd)
    {
        int n = RuleCount(row, rule);
        for (int i = 0; i < n; i++)
        {
            RuleItem(row, rule, i, out int start, out int end);
            if (NameWithStarIs(row, start, end, name, nameStart, nameEnd, key, 0, key.Length)) return true;
        }
        return false;
    }

    /// <summary>The number of names rule <paramref name="rule"/> lists.</summary>
    public static int RuleCount(string row, int rule)
    {
        if (!Rule(row, rule, out int start, out int end)) return 0;
        int n = 1;
        for (int i = start; i < end; i++)
            if (row[i] == ',') n++;
        return n;
    }

    /// <summary>Where item <paramref name="index"/> of rule <paramref name="rule"/>'s list lies in the row.</summary>
    public static void RuleItem(string row, int rule, int index, out int start, out int end)
    {
        Rule(row, rule, out start, out int ruleEnd);
        for (int n = 0; n < index; n++)
            start = row.IndexOf(',', start) + 1;
        end = start;
        while (end < ruleEnd && row[end] != ',') end++;
    }

    /// <summary>Item <paramref name="index"/> of rule <paramref name="rule"/>'s list, with each '*' replaced by <paramref name="name"/> (a copy: for messages and checks of the table).</summary>
    public static string RuleItem(string row, int rule, int index, string? name)
    {
        RuleItem(row, rule, index, out int start, out int end);
        string item = Ascii.Slice(row, start, end - start);
        return name == null ? item : ConfigSchema.WithName(item, name);
    }

    /// <summary>
    /// Whether row[start, end), each '*' read as name[nameStart, nameEnd) (name null: '*' is itself), spells
    /// key[keyStart, keyEnd). Compared in place: no concrete name is made.
    /// </summary>
    public static bool NameWithStarIs(string row, int start, int end, string? name, int nameStart, int nameEnd,
        string key, int keyStart, int keyEnd)
    {
        int k = keyStart, nameLength = nameEnd - nameStart;
        for (int i = start; i < end; i++)
        {
            if (row[i] == '*' && name != null)
            {
                if (k + nameLength > keyEnd || !Ascii.RegionEquals(key, k, name, nameStart, nameLength)) return false;
                k += nameLength;
                continue;
            }
            if (k >= keyEnd || key[k] != row[i]) return false;
            k++;
        }
        return k == keyEnd;
    }

    /// <summary>Whether the row's name, which has no '*', is the key in data[start, end) (ASCII letters of the key in any case).</summary>
    public static bool NameIs(string row, byte[] data, int start, int end)
    {
        int nameEnd = NameEnd(row);
        if (nameEnd != end - start) return false;
        for (int i = 0; i < nameEnd; i++)
        {
            char c = row[i];
            if (c == '*' || Ascii.ToLower((char)data[start + i]) != c) return false;
        }
        return true;
    }

    /// <summary>Whether the row is a pattern whose part before its first '*' is <paramref name="group"/> ("rule" for rule.*.sensor).</summary>
    public static bool InGroup(string row, string group)
    {
        int star = row.IndexOf('*');
        if (star < 0 || star >= NameEnd(row)) return false;
        int length = star == 0 ? 0 : star - 1;
        return group.Length == length && Ascii.RegionEquals(row, 0, group, 0, length);
    }

    /// <summary>The key whose value chooses the row's default (<c>default-by=KEY:...</c>), or null.</summary>
    public static string? DefaultKey(string row)
    {
        if (!Rule(row, DefaultBy, out int start, out int end)) return null;
        int colon = row.IndexOf(':', start);
        return Ascii.Slice(row, start, (colon < 0 || colon > end ? end : colon) - start);
    }

    /// <summary>
    /// The default when the key named by <c>default-by</c> has the value <paramref name="other"/> (null:
    /// not set): the matching case of the rule, else the default field; null when there is none.
    /// </summary>
    public static string? DefaultFor(string row, string? other)
    {
        if (other != null && Rule(row, DefaultBy, out int i, out int end))
        {
            i = row.IndexOf(':', i) + 1;
            while (i > 0 && i < end)
            {
                int comma = i;
                while (comma < end && row[comma] != ',') comma++;
                int eq = row.IndexOf('=', i);
                if (eq > i && eq < comma && eq - i == other.Length && RegionEqualsIgnoreCase(row, i, other, 0, other.Length))
                    return Ascii.Slice(row, eq + 1, comma - eq - 1);
                i = comma + 1;
            }
        }
        Field(row, DefaultField, out int start, out int stop);
        return stop == start ? null : Ascii.Slice(row, start, stop - start);
    }

    /// <summary>Whether s from <paramref name="start"/> spells <paramref name="length"/> chars of <paramref name="other"/> from <paramref name="from"/>, ASCII case ignored.</summary>
    static bool RegionEqualsIgnoreCase(string s, int start, string other, int from, int length)
    {
        for (int i = 0; i < length; i++)
            if (Ascii.ToLower(s[start + i]) != Ascii.ToLower(other[from + i])) return false;
        return true;
    }

    /// <summary>A kind as the table writes it (a copy, for messages).</summary>
    public static string KindWord(ConfigKind kind)
    {
        string kinds = Kinds;
        int word = 0;
        for (int k = 0; k < (int)kind && word < kinds.Length; k++) word = kinds.IndexOf(' ', word) + 1;
        if ((int)kind < 0 || word >= kinds.Length) return "unknown";
        return Ascii.Slice(kinds, word, kinds.IndexOf(' ', word) - word);
    }
}
