namespace Gateway.Fuzz;

/// <summary>How one input ended: parsed, a typed error (both fine), or a defect (a crash or a hang).</summary>
public enum FuzzOutcomeKind
{
    Parsed,
    TypedError,
    Crash,
    Hang,
}
