using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Host.Doctor;

/// <summary>The steps of one doctor run, in order, and the verdict: passed when no step failed (WARN allowed).</summary>
public sealed class DoctorReport
{
    readonly List<DoctorStep> _steps = [];

    public IReadOnlyList<DoctorStep> Steps => _steps;

    public bool Passed => _steps.All(s => s.Status is DoctorStatus.Pass or DoctorStatus.Warn);

    public void Add(DoctorStep step) => _steps.Add(step);

    public DoctorStep? Find(string name) => _steps.FirstOrDefault(s => s.Name == name);

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keeps '+' in pins and '<' in Message-IDs readable
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>{"passed": true, "steps": [{"name", "status", "ms", "detail", "advice"}, ...]}</summary>
    public string ToJson() => JsonSerializer.Serialize(new { passed = Passed, steps = _steps }, Json);

    /// <summary>One step as the console shows it: verdict, name, time, then the detail and advice indented.</summary>
    public static string Format(DoctorStep step)
    {
        var label = step.Status.ToString().ToUpperInvariant().PadRight(4);
        var lines = step.Detail.Split('\n');
        var text = $"{label}  {step.Name} ({step.Ms} ms): {lines[0]}";
        foreach (var more in lines.Skip(1))
            text += "\n        " + more;
        if (step.Advice != null)
            text += "\n        advice: " + step.Advice;
        return text;
    }
}
