using System.Globalization;

namespace Gateway.Host.Sensors;

/// <summary>
/// A sensor that exists only in configuration, for the virtual device: `sensor.NAME.sim` is
/// "constant V", "ramp FROM TO PERIOD" (rises linearly, then stays), "sine MID AMPLITUDE PERIOD",
/// "step LOW HIGH AFTER" (LOW until AFTER has passed, then HIGH), or "csv FILE": recorded readings,
/// one "SECONDS,VALUE" line each (seconds since the start; a header line and '#' comments are
/// skipped), replayed in time, the last value held. Periods are durations (30s).
/// </summary>
public sealed class SimulatedSensor
{
    readonly string _shape;
    readonly double _a, _b;
    readonly long _periodMs;
    readonly DateTime _start;
    readonly (double seconds, double value)[] _recorded = [];

    SimulatedSensor(string name, string unit, string shape, double a, double b, long periodMs, DateTime start, (double, double)[]? recorded = null)
    {
        _recorded = recorded ?? [];
        Name = name;
        Unit = unit;
        _shape = shape;
        _a = a;
        _b = b;
        _periodMs = periodMs;
        _start = start;
    }

    public string Name { get; }
    public string Unit { get; }

    public static bool TryParse(string name, string spec, string unit, out SimulatedSensor? sensor, out string why) =>
        TryParse(name, spec, unit, DateTime.UtcNow, out sensor, out why);

    public static bool TryParse(string name, string spec, string unit, DateTime start, out SimulatedSensor? sensor, out string why)
    {
        sensor = null;
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        why = $"\"{spec}\" is not constant V | ramp FROM TO PERIOD | sine MID AMPLITUDE PERIOD | step LOW HIGH AFTER | csv FILE";
        if (parts.Length == 0) return false;
        var shape = parts[0].ToLowerInvariant();
        if (shape == "csv")
        {
            var path = spec.Trim()[3..].Trim();
            if (path.Length == 0) return false;
            if (!TryReadCsv(path, out var rows, out why)) return false;
            sensor = new SimulatedSensor(name, unit, shape, 0, 0, 0, start, rows);
            return true;
        }
        int want = shape == "constant" ? 2 : shape is "ramp" or "sine" or "step" ? 4 : -1;
        if (want != parts.Length) return false;
        if (!Number(parts[1], out var a)) return false;
        double b = 0;
        long period = 0;
        if (want == 4)
        {
            if (!Number(parts[2], out b)) return false;
            var err = Gateway.Core.Config.ConfigValues.ParseDurationMs(parts[3], out int ms);
            if (err != null || ms <= 0) { why = $"the period \"{parts[3]}\" {err ?? "must be positive"}"; return false; }
            period = ms;
        }
        sensor = new SimulatedSensor(name, unit, shape, a, b, period, start);
        why = "";
        return true;
    }

    static bool Number(string s, out double v) => Gateway.Core.Config.ConfigValues.TryParseNumber(s, out v);

    public double Read(DateTime now)
    {
        double t = (now - _start).TotalMilliseconds;
        return _shape switch
        {
            "constant" => _a,
            "ramp" => t >= _periodMs ? _b : _a + (_b - _a) * t / _periodMs,
            "sine" => _a + _b * Math.Sin(2 * Math.PI * t / _periodMs),
            "step" => t >= _periodMs ? _b : _a,
            "csv" => Replay(t / 1000),
            _ => double.NaN,
        };
    }

    double Replay(double seconds)
    {
        double v = _recorded[0].value;
        foreach (var (at, value) in _recorded)
        {
            if (at > seconds) break;
            v = value;
        }
        return v;
    }

    static bool TryReadCsv(string path, out (double, double)[] rows, out string why)
    {
        rows = [];
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"cannot read {path}: {e.Message}";
            return false;
        }
        var list = new List<(double, double)>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split(',');
            if (cells.Length != 2 || !Number(cells[0].Trim(), out var at) || !Number(cells[1].Trim(), out var value))
            {
                if (list.Count == 0 && i == 0) continue; // a header line
                why = $"{path} line {i + 1}: not SECONDS,VALUE";
                return false;
            }
            if (list.Count > 0 && at < list[^1].Item1)
            {
                why = $"{path} line {i + 1}: the times must not go back";
                return false;
            }
            list.Add((at, value));
        }
        if (list.Count == 0)
        {
            why = $"{path} has no readings";
            return false;
        }
        rows = list.ToArray();
        why = "";
        return true;
    }

    public override string ToString() => Name + " " + Read(DateTime.UtcNow).ToString("0.##", CultureInfo.InvariantCulture) + " " + Unit;
}
