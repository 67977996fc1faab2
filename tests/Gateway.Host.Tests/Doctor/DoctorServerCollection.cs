namespace Gateway.Host.Tests.Doctor;

/// <summary>
/// The doctor's scripted-server tests block on sockets for up to seconds each; run alone they do not
/// starve the thread pool that other classes' short socket timeouts (300 ms) depend on.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DoctorServerCollection
{
    public const string Name = "doctor servers";
}
