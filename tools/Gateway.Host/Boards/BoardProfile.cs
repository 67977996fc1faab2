namespace Gateway.Host.Boards;

/// <summary>
/// One board's profile from boards/NAME.board: `key = value` lines, `reserve.PIN = why` for pins the
/// PHY, flash or PSRAM use, `strap.PIN = why` for strapping pins, `input-only = ...` for pins that
/// cannot drive a relay.
/// </summary>
public sealed class BoardProfile
{
    /// <summary>ESP32 GPIO numbers run 0..39.</summary>
    public const int MaxPin = 39;

    readonly Dictionary<string, string> _values;
    readonly Dictionary<int, string> _reserved;
    readonly HashSet<int> _inputOnly;

    BoardProfile(string name, Dictionary<string, string> values, Dictionary<int, string> reserved, HashSet<int> inputOnly)
    {
        Name = name;
        _values = values;
        _reserved = reserved;
        _inputOnly = inputOnly;
    }

    public string Name { get; }

    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>Why the board keeps <paramref name="pin"/> for itself, or null when it is free.</summary>
    public string? ReservedBecause(int pin) => _reserved.TryGetValue(pin, out var why) ? why : null;

    public IReadOnlyDictionary<int, string> Reserved => _reserved;

    public bool IsInputOnly(int pin) => _inputOnly.Contains(pin);

    /// <summary>Parses a profile; throws <see cref="FormatException"/> naming the line.</summary>
    public static BoardProfile Parse(string text, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var reserved = new Dictionary<int, string>();
        var inputOnly = new HashSet<int>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{source}:{i + 1}: expected key = value");
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (key.StartsWith("reserve.", StringComparison.Ordinal) || key.StartsWith("strap.", StringComparison.Ordinal))
            {
                int pin = ParsePin(key[(key.IndexOf('.') + 1)..], source, i + 1);
                reserved[pin] = reserved.TryGetValue(pin, out var before) ? before + "; " + value : value;
            }
            else if (key == "input-only")
            {
                foreach (var p in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    inputOnly.Add(ParsePin(p, source, i + 1));
            }
            else
            {
                values[key] = value;
            }
        }
        if (!values.TryGetValue("name", out var name))
            throw new FormatException($"{source}: no name = line");
        return new BoardProfile(name, values, reserved, inputOnly);
    }

    static int ParsePin(string s, string source, int line)
    {
        if (!int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pin) || pin > MaxPin)
            throw new FormatException($"{source}:{line}: '{s}' is not a GPIO number 0-{MaxPin}");
        return pin;
    }
}
