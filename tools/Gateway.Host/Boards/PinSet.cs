using System.Globalization;

namespace Gateway.Host.Boards;

/// <summary>GPIO numbers written as a list of numbers and ranges, e.g. `16-23, 49, 50`.</summary>
public sealed class PinSet
{
    /// <summary>No chip these profiles describe has more GPIOs than this; a larger number is a typo.</summary>
    const int HighestPin = 127;

    readonly SortedSet<int> _pins;
    readonly string _text;

    PinSet(SortedSet<int> pins, string text)
    {
        _pins = pins;
        _text = text;
    }

    public IEnumerable<int> Pins => _pins;

    public bool Contains(int pin) => _pins.Contains(pin);

    /// <summary>The set as the profile wrote it, e.g. "0-39".</summary>
    public override string ToString() => _text;

    /// <summary>Parses `a, b-c, ...`; throws <see cref="FormatException"/> naming <paramref name="where"/>.</summary>
    public static PinSet Parse(string text, string where)
    {
        var pins = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                pins.Add(ParsePin(part, where));
                continue;
            }
            int first = ParsePin(part[..dash].Trim(), where);
            int last = ParsePin(part[(dash + 1)..].Trim(), where);
            if (last < first) throw new FormatException($"{where}: '{part}' is an empty range");
            for (int pin = first; pin <= last; pin++) pins.Add(pin);
        }
        if (pins.Count == 0) throw new FormatException($"{where}: no GPIO numbers in '{text}'");
        return new PinSet(pins, text.Trim());
    }

    public static int ParsePin(string s, string where)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int pin) || pin > HighestPin)
            throw new FormatException($"{where}: '{s}' is not a GPIO number");
        return pin;
    }
}
