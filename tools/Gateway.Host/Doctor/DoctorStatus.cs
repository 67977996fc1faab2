namespace Gateway.Host.Doctor;

/// <summary>The verdict of one doctor step. WARN does not fail the run; SKIP means an earlier step failed.</summary>
public enum DoctorStatus
{
    Pass,
    Warn,
    Fail,
    Skip,
}
