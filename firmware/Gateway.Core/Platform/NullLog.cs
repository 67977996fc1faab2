namespace Gateway.Core.Platform;

/// <summary>A log that drops everything, for callers that did not ask for one.</summary>
public sealed class NullLog : ILog
{
    public static readonly NullLog Instance = new NullLog();

    public void Write(LogLevel level, string text)
    {
    }

    public bool IsEnabled(LogLevel level) => false;
}
