using Gateway.Core.Platform;

namespace Gateway.Core.Tests.Support;

/// <summary>A log that keeps every line as "Level text", for tests that assert what was logged and at which level.</summary>
sealed class ListLog : ILog
{
    public List<string> Lines { get; } = new();
    public void Write(LogLevel level, string text) => Lines.Add(level + " " + text);
    public bool IsEnabled(LogLevel level) => true;
}
