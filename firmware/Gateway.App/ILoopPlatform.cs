namespace Gateway.App;

/// <summary>
/// What <see cref="RunLoop"/> needs from the platform besides the clock: a pause, a way to end, and
/// the restart a `reboot` command asks for. The board sleeps its thread and restarts; the host waits
/// on Ctrl-C and, asked to reboot, stops the virtual device.
/// </summary>
public interface ILoopPlatform
{
    /// <summary>True once the loop must end (the host's Ctrl-C); a board never stops.</summary>
    bool Stopping { get; }

    /// <summary>Pauses for <paramref name="ms"/> milliseconds, or less when <see cref="Stopping"/> becomes true.</summary>
    void Sleep(int ms);

    /// <summary>The `reboot` command, once its reply is out: a board restarts (and never returns).</summary>
    void Reboot();
}
