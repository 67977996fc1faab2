using System.Globalization;

namespace Gateway.Host.Sensors;

/// <summary>
/// A sensor that exists only in configuration, for the virtual device: `sensor.NAME.sim` is
/// "constant V", "ramp FROM TO PERIOD" (rises linearly, then stays), "sine MID AMPLITUDE PERIOD",
/// or "step LOW HIGH AFTER" (LOW until AFTER has passed, then HIGH). Periods are durations (30s).
/// </summary>
public sealed class SimulatedSensor
{
    readonly string _shape;
    readonly double _a, _b;
    readonly long _periodMs;
    readonly DateTime _start;

    SimulatedSensor(string name, string unit, string shape, double a, double b, long periodMs, DateTime start)
    {
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
        why = $"\"{spec}\" is not constant V | ramp FROM TO PERIOD | sine MID AMPLITUDE PERIOD | step LOW HIGH AFTER";
        if (parts.Length == 0) return false;
        var shape = parts[0].ToLowerInvariant();
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
            _ => double.NaN,
        };
    }

    public override string ToString() => Name + " " + Read(DateTime.UtcNow).ToString("0.##", CultureInfo.InvariantCulture) + " " + Unit;
}
