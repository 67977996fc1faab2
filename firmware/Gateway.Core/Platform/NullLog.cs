namespace Gateway.Core.Platform;

/// <summary>A log that drops everything, for callers that did not ask for one.</summary>
public sealed class NullLog : ILog
{
    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static NullLog? s_instance;
    public static NullLog Instance => s_instance ?? (s_instance = new NullLog());

    public void Write(LogLevel level, string text)
    {
    }

    public bool IsEnabled(LogLevel level) => false;
}
