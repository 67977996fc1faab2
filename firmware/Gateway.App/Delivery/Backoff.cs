using System;

namespace Gateway.App.Delivery;

/// <summary>
/// When to try again after a failure: exponential from <see cref="BaseMs"/>, capped at
/// <see cref="MaxMs"/>, with +-20% jitter so devices that lost the server together do not
/// return together.
/// </summary>
public sealed class Backoff
{
    readonly Random _random;

    public Backoff(long baseMs, long maxMs, Random random)
    {
        BaseMs = baseMs;
        MaxMs = maxMs;
        _random = random;
    }

    public long BaseMs { get; }
    public long MaxMs { get; }

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt (1 = first).</summary>
    public long DelayMs(int attempts)
    {
        long d = BaseMs;
        for (int i = 1; i < attempts && d < MaxMs; i++) d *= 2;
        if (d > MaxMs) d = MaxMs;
        // 0.8 .. 1.2 of the nominal delay
        long jitter = d * (_random.Next(401) - 200) / 1000;
        return d + jitter;
    }
}
