using Gateway.Core.Platform;

namespace Gateway.Fuzz.Support;

/// <summary>An in-memory store for the nonce journal of the command target.</summary>
public sealed class MemoryStore : IStore
{
    readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public byte[]? Read(string name) => _blobs.TryGetValue(name, out var b) ? (byte[])b.Clone() : null;

    public void Write(string name, byte[] data) => _blobs[name] = (byte[])data.Clone();

    public void Delete(string name) => _blobs.Remove(name);

    public string[] List(string prefix) => _blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
}
