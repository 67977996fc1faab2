using Gateway.Core.Platform;

namespace Gateway.Core.Tests.Support;

/// <summary>An in-memory store for unit tests (the host's FileStore is tested on its own).</summary>
public sealed class MemoryStore : IStore
{
    public readonly SortedDictionary<string, byte[]> Blobs = new(StringComparer.Ordinal);

    public byte[]? Read(string name) => Blobs.TryGetValue(name, out var b) ? (byte[])b.Clone() : null;
    public void Write(string name, byte[] data) => Blobs[name] = (byte[])data.Clone();
    public void Delete(string name) => Blobs.Remove(name);
    public string[] List(string prefix) => Blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
}

public sealed class ManualClock(DateTime start) : IClock
{
    public DateTime UtcNow { get; set; } = start;
    public void Advance(TimeSpan t) => UtcNow += t;
}
