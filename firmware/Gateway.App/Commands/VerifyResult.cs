namespace Gateway.App.Commands;

/// <summary>What <see cref="CommandVerifier.Verify"/> decided, with a short reason for the log and the reply (never anything of the key).</summary>
public sealed class VerifyResult
{
    public VerifyResult(VerifyOutcome outcome, string reason)
    {
        Outcome = outcome;
        Reason = reason;
    }

    public VerifyOutcome Outcome { get; }

    public bool Accepted => Outcome == VerifyOutcome.Accepted;

    /// <summary>"ok", "bad signature", "replayed nonce", "for another device (x)", ...</summary>
    public string Reason { get; }

    public override string ToString() => Reason;
}
