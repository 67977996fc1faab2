namespace Gateway.Fuzz;

/// <summary>The outcome of one input, with what was thrown (if anything) and how long it took.</summary>
public sealed record FuzzResult(FuzzOutcomeKind Kind, Exception? Error, TimeSpan Elapsed)
{
    public bool IsDefect => Kind is FuzzOutcomeKind.Crash or FuzzOutcomeKind.Hang;

    public override string ToString() => Kind switch
    {
        FuzzOutcomeKind.Parsed => "parsed",
        FuzzOutcomeKind.TypedError => $"typed error {Error!.GetType().Name}: {Error.Message}",
        FuzzOutcomeKind.Hang => $"HANG: no end after {Elapsed.TotalSeconds:F1} s",
        _ => $"CRASH {Error}",
    };
}
