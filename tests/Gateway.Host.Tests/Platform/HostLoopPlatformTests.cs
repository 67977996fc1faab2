using System.Diagnostics;
using Gateway.Core.Platform;
using Gateway.Host.Platform;

namespace Gateway.Host.Tests.Platform;

/// <summary>The loop's platform on the host: Ctrl-C ends a sleep at once, and `reboot` stops the virtual device.</summary>
public sealed class HostLoopPlatformTests
{
    sealed class Lines : ILog
    {
        public readonly List<string> All = [];
        public void Write(LogLevel level, string text) => All.Add(level + " " + text);
        public bool IsEnabled(LogLevel level) => true;
    }

    [Fact]
    public void Stop_ends_a_long_sleep_at_once()
    {
        using var platform = new HostLoopPlatform(new Lines());
        var sleeper = Stopwatch.StartNew();
        var thread = new Thread(() => platform.Sleep(60_000));
        thread.Start();
        Thread.Sleep(100);
        platform.Stop();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the sleep did not end on Stop");
        Assert.True(sleeper.Elapsed < TimeSpan.FromSeconds(10), sleeper.Elapsed.ToString());
        Assert.True(platform.Stopping);
    }

    [Fact]
    public void A_sleep_without_stop_lasts_its_time()
    {
        using var platform = new HostLoopPlatform(new Lines());
        var sleeper = Stopwatch.StartNew();
        platform.Sleep(150);
        Assert.True(sleeper.ElapsedMilliseconds >= 140, sleeper.ElapsedMilliseconds + " ms");
        Assert.False(platform.Stopping);
    }

    [Fact]
    public void A_reboot_stops_the_virtual_device_and_says_so()
    {
        var log = new Lines();
        using var platform = new HostLoopPlatform(log);
        platform.Reboot();
        Assert.True(platform.Stopping);
        Assert.Contains(log.All, l => l.StartsWith("Warning a reboot was requested by command", StringComparison.Ordinal));
    }
}
