using System.Threading;
using Gateway.App;
using nanoFramework.Runtime.Native;

namespace Gateway.Firmware.Platform;

/// <summary>The loop's platform on a board: the thread sleeps, nothing stops it, and a reboot restarts the chip.</summary>
public sealed class BoardLoopPlatform : ILoopPlatform
{
    public bool Stopping => false;

    public void Sleep(int ms) => Thread.Sleep(ms);

    public void Reboot() => Power.RebootDevice();
}
