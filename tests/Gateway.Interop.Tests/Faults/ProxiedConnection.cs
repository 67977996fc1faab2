namespace Gateway.Interop.Tests.Faults;

/// <summary>What one proxied connection carried: the bytes each way and where each chunk started.</summary>
public sealed class ProxiedConnection
{
    readonly object _gate = new();
    readonly List<(FaultDirection Direction, long Offset, int Length)> _chunks = [];

    public long ClientToServer { get; private set; }

    public long ServerToClient { get; private set; }

    /// <summary>The fault that fired on this connection, or null.</summary>
    public Fault? Fired { get; internal set; }

    /// <summary>Chunks as the proxy read them, in order: one flight of the client or the server each, on loopback.</summary>
    public (FaultDirection Direction, long Offset, int Length)[] Chunks
    {
        get { lock (_gate) return [.. _chunks]; }
    }

    internal void Count(FaultDirection d, int n)
    {
        lock (_gate)
        {
            long offset = d == FaultDirection.ClientToServer ? ClientToServer : ServerToClient;
            _chunks.Add((d, offset, n));
            if (d == FaultDirection.ClientToServer) ClientToServer += n;
            else ServerToClient += n;
        }
    }
}
