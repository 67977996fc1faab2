namespace Gateway.Core.Platform;

/// <summary>
/// Where the gateway reports what it does: the serial console on the device, the terminal on the
/// host. Callers never pass a secret (password, token, command key) in <paramref name="text"/>.
/// </summary>
public interface ILog
{
    void Write(LogLevel level, string text);

    /// <summary>Whether <see cref="Write"/> at <paramref name="level"/> shows anything: lets callers skip building text nobody reads.</summary>
    bool IsEnabled(LogLevel level);
}
