namespace Gateway.App.Commands;

/// <summary>What a command line asks for.</summary>
public enum CommandKind
{
    /// <summary>A line that is not a command, or a command with wrong arguments: answered with an error line.</summary>
    Invalid = 0,
    Status = 1,
    Ping = 2,
    Help = 3,
    Get = 4,
    Set = 5,
    Relay = 6,
    Reboot = 7,
}
