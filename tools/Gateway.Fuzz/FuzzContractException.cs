namespace Gateway.Fuzz;

/// <summary>A parser returned, but broke a promise of its contract (a bound, a range): a defect, like a crash.</summary>
public sealed class FuzzContractException(string message) : Exception(message);
