namespace Gateway.FrameDebugger.Tests.Support;

/// <summary>
/// A fact that needs tshark (Debian package "tshark"). Skipped, saying why, where it is not installed;
/// under CI=true it is installed with apt when running as root (as tests/mailrig does with its
/// servers), and a tshark that still is missing is not a reason to skip: the test runs and fails.
/// </summary>
public sealed class TsharkFactAttribute : FactAttribute
{
    public TsharkFactAttribute()
    {
        if (!Tshark.IsInstalled && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "tshark is not installed (apt-get install tshark)";
    }
}
