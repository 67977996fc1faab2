using SharpPcap.LibPcap;

namespace Gateway.FrameDebugger.Tests.Support;

/// <summary>
/// A fact that captures on an interface: needs root and a loadable libpcap. Skipped, saying which is
/// missing, except under CI=true, where the test runs (as root) and a missing piece makes it fail.
/// </summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true") return;
        if (Environment.UserName != "root") Skip = "live capture needs root (run as root, or CI=true)";
        else if (LibpcapError() is string why) Skip = "libpcap cannot be loaded: " + why;
    }

    static string? LibpcapError()
    {
        try
        {
            _ = LibPcapLiveDeviceList.New().Count;
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            return (e.InnerException ?? e).Message;
        }
    }
}
