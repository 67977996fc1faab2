namespace Gateway.Host.Web;

/// <summary>The device's timeline for the page: the latest <see cref="Capacity"/> entries, each also sent live.</summary>
public sealed class DeviceTimeline(WebEvents events)
{
    /// <summary>Entries kept; a device that runs for days keeps its recent past, not all of it.</summary>
    public const int Capacity = 5000;

    readonly object _gate = new();
    readonly Queue<TimelineEntry> _entries = new();

    public void Add(TimelineEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity) _entries.Dequeue();
        }
        events.Publish("timeline", entry);
    }

    /// <summary>Oldest first; only entries of <paramref name="kind"/> when given.</summary>
    public IReadOnlyList<TimelineEntry> Snapshot(string? kind = null)
    {
        lock (_gate)
            return _entries.Where(e => kind == null || e.Kind == kind).ToArray();
    }
}
