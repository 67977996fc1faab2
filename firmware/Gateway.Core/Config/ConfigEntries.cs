namespace Gateway.Core.Config;

/// <summary>
/// The entries a file set, in line order: an array sized once by the parser (one slot per line with an
/// '='), so reading a configuration neither grows a list nor leaves the grown copies behind.
/// </summary>
internal sealed class ConfigEntries
{
    readonly ConfigEntry[] _items;

    public ConfigEntries(int capacity)
    {
        _items = new ConfigEntry[capacity];
    }

    public int Count { get; private set; }

    public ConfigEntry this[int index] => _items[index];

    public void Add(ConfigEntry entry) => _items[Count++] = entry;

    /// <summary>The entry of the concrete <paramref name="key"/>, or null.</summary>
    public ConfigEntry? Find(string key)
    {
        for (int i = 0; i < Count; i++)
            if (_items[i].Is(key)) return _items[i];
        return null;
    }

    /// <summary>The entry of the key without '*' whose row is <paramref name="row"/>, or null.</summary>
    public ConfigEntry? FindRow(string row)
    {
        for (int i = 0; i < Count; i++)
            if ((object)_items[i].Row == (object)row) return _items[i];
        return null;
    }

    /// <summary>
    /// The index of the entry named row[start, end), each '*' read as name[nameStart, nameEnd) of
    /// <paramref name="name"/> (null: the name has no '*'); -1 if none. Compared in place.
    /// </summary>
    public int IndexOf(string row, int start, int end, string? name, int nameStart, int nameEnd)
    {
        for (int i = 0; i < Count; i++)
            if (_items[i].IsNamed(row, start, end, name, nameStart, nameEnd)) return i;
        return -1;
    }
}
