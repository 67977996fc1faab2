namespace Gateway.Host.Boards;

/// <summary>
/// One board's profile from boards/NAME.board: `key = value` lines, `reserve.PIN = why` for pins the
/// Ethernet, flash, PSRAM or console use, `strap.PIN = why` for strapping pins. The chip's own facts
/// (`chip`, `gpio`, `input-only`, `adc-pins`, `adc-unit`) usually come from a file the profile names
/// with `based-on = ESP32.chip`: the base's lines are read first, the profile's own after them.
/// </summary>
public sealed class BoardProfile
{
    const int MaxBaseDepth = 4;

    readonly Dictionary<string, string> _values;
    readonly Dictionary<int, string> _reserved;
    readonly HashSet<int> _inputOnly;
    readonly HashSet<int> _adcPins;
    readonly string[] _sensorKinds;

    BoardProfile(string name, Dictionary<string, string> values, Dictionary<int, string> reserved, PinSet gpio,
        HashSet<int> inputOnly, HashSet<int> adcPins, string[] sensorKinds)
    {
        Name = name;
        _values = values;
        _reserved = reserved;
        Gpio = gpio;
        _inputOnly = inputOnly;
        _adcPins = adcPins;
        _sensorKinds = sensorKinds;
    }

    public string Name { get; }

    /// <summary>The chip family for messages, e.g. "ESP32" or "ESP32-P4".</summary>
    public string Chip => Get("chip") ?? "chip";

    /// <summary>The GPIO numbers the chip has, from `gpio = 0-39`.</summary>
    public PinSet Gpio { get; }

    public string? Get(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>Why the board keeps <paramref name="pin"/> for itself, or null when it is free.</summary>
    public string? ReservedBecause(int pin) => _reserved.TryGetValue(pin, out var why) ? why : null;

    public IReadOnlyDictionary<int, string> Reserved => _reserved;

    public bool HasGpio(int pin) => Gpio.Contains(pin);

    public bool IsInputOnly(int pin) => _inputOnly.Contains(pin);

    public bool IsAdcPin(int pin) => _adcPins.Contains(pin);

    /// <summary>The sensor kinds the board's nanoFramework image can drive (`sensor-kinds`).</summary>
    public IReadOnlyList<string> SensorKinds => _sensorKinds;

    /// <summary>Parses a profile without a base file; throws <see cref="FormatException"/> naming the line.</summary>
    public static BoardProfile Parse(string text, string source) => Parse(text, source, _ => null);

    /// <summary>
    /// Parses a profile; <paramref name="readBase"/> gives the text of a file named by `based-on`
    /// (null when there is none). Throws <see cref="FormatException"/> naming the file and line.
    /// </summary>
    public static BoardProfile Parse(string text, string source, Func<string, string?> readBase)
    {
        var lines = new List<ProfileLine>();
        Collect(text, source, readBase, lines, 0);
        return Build(lines, source);
    }

    static void Collect(string text, string source, Func<string, string?> readBase, List<ProfileLine> lines, int depth)
    {
        var raw = text.Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            var line = raw[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{source}:{i + 1}: expected key = value");
            var entry = new ProfileLine(line[..eq].Trim(), line[(eq + 1)..].Trim(), source, i + 1);
            if (entry.Key != "based-on")
            {
                lines.Add(entry);
                continue;
            }
            if (depth >= MaxBaseDepth) throw new FormatException($"{entry.Where}: based-on nested deeper than {MaxBaseDepth} files");
            var baseText = readBase(entry.Value) ?? throw new FormatException($"{entry.Where}: based-on {entry.Value}: no such file");
            Collect(baseText, entry.Value, readBase, lines, depth + 1);
        }
    }

    static BoardProfile Build(List<ProfileLine> lines, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var pinLines = new List<ProfileLine>();
        foreach (var line in lines)
        {
            if (line.IsPinReason) pinLines.Add(line);
            else values[line.Key] = line.Value;
        }
        if (!values.ContainsKey("name")) throw new FormatException($"{source}: no name = line");
        var gpio = PinSetOf(lines, "gpio") ?? throw new FormatException($"{source}: no gpio = line (the chip's GPIO numbers, e.g. 0-39; usually from based-on = ESP32.chip)");

        var reserved = new Dictionary<int, string>();
        foreach (var line in pinLines)
        {
            int pin = PinSet.ParsePin(line.Key[(line.Key.IndexOf('.') + 1)..], line.Where);
            RequireGpio(gpio, pin, line);
            reserved[pin] = reserved.TryGetValue(pin, out var before) ? before + "; " + line.Value : line.Value;
        }
        var inputOnly = PinsWithin(gpio, lines, "input-only");
        var adcPins = PinsWithin(gpio, lines, "adc-pins");
        var kinds = (values.GetValueOrDefault("sensor-kinds") ?? "digital")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new BoardProfile(values["name"], values, reserved, gpio, inputOnly, adcPins, kinds);
    }

    /// <summary>The last line for <paramref name="key"/> as a pin set (a profile's line overrides its base's).</summary>
    static PinSet? PinSetOf(List<ProfileLine> lines, string key)
    {
        var line = lines.LastOrDefault(l => l.Key == key);
        return line == null ? null : PinSet.Parse(line.Value, line.Where);
    }

    static HashSet<int> PinsWithin(PinSet gpio, List<ProfileLine> lines, string key)
    {
        var line = lines.LastOrDefault(l => l.Key == key);
        var pins = new HashSet<int>();
        if (line == null) return pins;
        foreach (var pin in PinSet.Parse(line.Value, line.Where).Pins)
        {
            RequireGpio(gpio, pin, line);
            pins.Add(pin);
        }
        return pins;
    }

    static void RequireGpio(PinSet gpio, int pin, ProfileLine line)
    {
        if (!gpio.Contains(pin)) throw new FormatException($"{line.Where}: GPIO{pin} is outside the chip's GPIO {gpio}");
    }

    sealed record ProfileLine(string Key, string Value, string Source, int Line)
    {
        public string Where => $"{Source}:{Line}";

        public bool IsPinReason => Key.StartsWith("reserve.", StringComparison.Ordinal) || Key.StartsWith("strap.", StringComparison.Ordinal);
    }
}
