namespace Gateway.Host.Doctor;

/// <summary>What a check returns; the run adds the name, the time and, for a failure, the advice.</summary>
public sealed record StepResult(DoctorStatus Status, string Detail, string? Advice = null)
{
    public static StepResult Pass(string detail) => new(DoctorStatus.Pass, detail);

    public static StepResult Warn(string detail, string? advice = null) => new(DoctorStatus.Warn, detail, advice);

    public static StepResult Fail(string detail, string? advice = null) => new(DoctorStatus.Fail, detail, advice);
}
