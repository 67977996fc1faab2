using Gateway.App;
using Gateway.Core.Platform;

namespace Gateway.Host.Platform;

/// <summary>
/// The loop's platform on the host: sleeps end early on Ctrl-C (<see cref="Stop"/>), and a `reboot`
/// command stops the virtual device, since there is no board to restart.
/// </summary>
sealed class HostLoopPlatform(ILog log) : ILoopPlatform, IDisposable
{
    readonly ManualResetEventSlim _stop = new();

    public bool Stopping => _stop.IsSet;

    public void Stop() => _stop.Set();

    public void Sleep(int ms) => _stop.Wait(ms);

    public void Reboot()
    {
        log.Write(LogLevel.Warning, "a reboot was requested by command: the virtual device stops here (a board would restart)");
        _stop.Set();
    }

    public void Dispose() => _stop.Dispose();
}
