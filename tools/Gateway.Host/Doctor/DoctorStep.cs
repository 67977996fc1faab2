namespace Gateway.Host.Doctor;

/// <summary>One step's result as printed and as written in `--json`.</summary>
public sealed record DoctorStep(string Name, DoctorStatus Status, long Ms, string Detail, string? Advice);
