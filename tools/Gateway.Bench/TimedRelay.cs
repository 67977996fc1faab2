using System.Diagnostics;
using Gateway.Core.Platform;

namespace Gateway.Bench;

/// <summary>A relay that notes when it moved (Stopwatch ticks), so a benchmark can time a command from the operator's send.</summary>
public sealed class TimedRelay(string name) : IActuator
{
    readonly List<long> _moves = [];

    public string Name { get; } = name;
    public string State { get; private set; } = "off";

    public void Set(string value)
    {
        lock (_moves)
        {
            State = value;
            _moves.Add(Stopwatch.GetTimestamp());
            Monitor.PulseAll(_moves);
        }
    }

    /// <summary>Waits for move number <paramref name="count"/> (1-based); its timestamp, or null after <paramref name="timeout"/>.</summary>
    public long? WaitForMove(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        lock (_moves)
        {
            while (_moves.Count < count)
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return null;
                Monitor.Wait(_moves, left);
            }
            return _moves[count - 1];
        }
    }
}
