namespace Gateway.Interop.Tests.Faults;

/// <summary>One fault: after <paramref name="AfterBytes"/> bytes of <paramref name="Direction"/> were forwarded, do <paramref name="Action"/>.</summary>
public sealed record Fault(FaultAction Action, FaultDirection Direction, long AfterBytes, TimeSpan Delay = default)
{
    public override string ToString() => $"{Action} after {AfterBytes} bytes {(Direction == FaultDirection.ClientToServer ? "C->S" : "S->C")}";
}
