using Gateway.Core.Platform;

namespace Gateway.Host.Platform;

/// <summary>Log lines to stderr with a time and level, from <see cref="MinLevel"/> up.</summary>
public sealed class ConsoleLog(LogLevel minLevel) : ILog
{
    public LogLevel MinLevel { get; } = minLevel;

    public bool IsEnabled(LogLevel level) => level >= MinLevel;

    public void Write(LogLevel level, string text)
    {
        if (level < MinLevel) return;
        var tag = level switch { LogLevel.Debug => "debug", LogLevel.Info => "info ", LogLevel.Warning => "warn ", _ => "error" };
        lock (this)
            Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {tag} {text}");
    }
}
