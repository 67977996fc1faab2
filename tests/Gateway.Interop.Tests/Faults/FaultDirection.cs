namespace Gateway.Interop.Tests.Faults;

/// <summary>Which way the bytes a fault counts are going.</summary>
public enum FaultDirection
{
    ClientToServer,
    ServerToClient,
}
