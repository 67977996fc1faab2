namespace Gateway.Interop.Tests.Faults;

/// <summary>What happens once a fault's byte count is reached.</summary>
public enum FaultAction
{
    /// <summary>Both sockets closed gracefully (FIN both ways).</summary>
    Close,

    /// <summary>Both sockets aborted (linger 0: RST both ways).</summary>
    Reset,

    /// <summary>Nothing more is forwarded either way; the sockets stay open until <see cref="FaultProxy.StallLimit"/>.</summary>
    Stall,

    /// <summary>Every later chunk of the direction waits <see cref="Fault.Delay"/> before it is forwarded.</summary>
    Delay,

    /// <summary>The direction is ended (FIN to its receiver) and the rest of it dropped; the other way keeps flowing.</summary>
    Truncate,
}
