using System;
using Gateway.Core.Platform;

namespace Gateway.App;

/// <summary>
/// The loop policy, one for the board and the host: tick, sleep until the app's next wake-up (or wait
/// for command mail when the IMAP server pushes it), restart once a `reboot` command's reply is out,
/// and never end on a failed cycle: it is logged and retried after a pause.
/// </summary>
public sealed class RunLoop
{
    /// <summary>Ticks are at least this far apart, so a wake-up time left in the past cannot spin the loop.</summary>
    public const int MinSleepMs = 200;

    /// <summary>The longest sleep: the loop looks at the clock at least once a minute (SNTP may move it).</summary>
    public const int MaxSleepMs = 60000;

    /// <summary>How long a push wait for command mail lasts before the loop checks whether to stop.</summary>
    public const int CommandWaitSliceMs = 1000;

    /// <summary>A `reboot` waits for its reply to be delivered, but not longer than this when the server is down.</summary>
    public const int RebootGraceMs = 10 * 60000;

    /// <summary>The pause after a cycle that threw (flash full, a driver fault): long enough not to flood the log.</summary>
    public const int FailedCyclePauseMs = 10000;

    readonly GatewayApp _app;
    readonly IClock _clock;
    readonly ILog _log;
    readonly ILoopPlatform _platform;
    DateTime _rebootBy = DateTime.MaxValue;

    public RunLoop(GatewayApp app, IClock clock, ILog log, ILoopPlatform platform)
    {
        _app = app;
        _clock = clock;
        _log = log;
        _platform = platform;
    }

    /// <summary>Runs cycles until the platform stops or a reboot was handed to it.</summary>
    public void Run()
    {
        while (Cycle()) { }
    }

    /// <summary>One tick and the wait after it. False when the loop ends.</summary>
    public bool Cycle()
    {
        DateTime tickedAt = _clock.UtcNow;
        try
        {
            _app.Tick();
            if (RebootDue())
            {
                _log.Write(LogLevel.Warning, "rebooting on command");
                _platform.Reboot();
                return false;
            }
            WaitForNextWake(tickedAt);
        }
        catch (Exception e)
        {
            // Tick never throws for the network or a server; anything else is logged and the cycle retried.
            _log.Write(LogLevel.Error, "cycle failed: " + e.Message);
            _platform.Sleep(FailedCyclePauseMs);
        }
        return !_platform.Stopping;
    }

    /// <summary>A reboot is due once no reply (or alert) waits in the outbox, or the grace has run out.</summary>
    bool RebootDue()
    {
        if (!_app.RebootRequested) return false;
        var now = _clock.UtcNow;
        if (_rebootBy == DateTime.MaxValue) _rebootBy = now.AddTicks(RebootGraceMs * TimeSpan.TicksPerMillisecond);
        return _app.Outbox.Count == 0 || now >= _rebootBy;
    }

    void WaitForNextWake(DateTime tickedAt)
    {
        DateTime earliest = tickedAt.AddTicks(MinSleepMs * TimeSpan.TicksPerMillisecond);
        while (!_platform.Stopping)
        {
            var now = _clock.UtcNow;
            long ms = MsUntil(Later(_app.NextWakeUtc, earliest), now);
            if (ms <= 0) return;
            // A pushed command mail ends the wait at once; it is handled inside, and its reply may be due now.
            long slice = ms < CommandWaitSliceMs ? ms : CommandWaitSliceMs;
            if (_app.WaitForCommands(now.AddTicks(slice * TimeSpan.TicksPerMillisecond))) continue;
            _platform.Sleep(ms < MaxSleepMs ? (int)ms : MaxSleepMs);
            return;
        }
    }

    static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    static long MsUntil(DateTime then, DateTime now) => (then - now).Ticks / TimeSpan.TicksPerMillisecond;
}
