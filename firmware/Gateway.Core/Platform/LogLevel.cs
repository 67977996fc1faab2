namespace Gateway.Core.Platform;

public enum LogLevel
{
    /// <summary>Protocol transcripts (credentials redacted) and other detail.</summary>
    Debug = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}
