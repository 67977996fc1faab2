using System;
using Gateway.Core.Platform;

namespace Gateway.MemoryProbe;

/// <summary>A clock the probe moves by hand, so the loop's timers and the command's timestamp agree on every run.</summary>
public sealed class ProbeClock : IClock
{
    public ProbeClock(DateTime start)
    {
        UtcNow = start;
    }

    public DateTime UtcNow { get; private set; }

    public void Advance(int seconds) => UtcNow = UtcNow.AddSeconds(seconds);
}
