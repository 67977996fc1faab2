namespace Gateway.Fuzz;

/// <summary>Runs one input through a target and classifies how it ended.</summary>
public static class FuzzRunner
{
    /// <summary>An input that takes longer than this in-process is a hang (afl-fuzz has its own -t).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The body of the afl-fuzz loop: the target's typed errors pass, anything else escapes as a crash.</summary>
    public static void RunLettingDefectsEscape(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception e) when (target.IsTypedError(e))
        {
            // The parser's own error: the right answer to broken input.
        }
    }

    /// <summary>Runs <paramref name="input"/> on a worker thread so that a hang is reported, not waited for.</summary>
    public static FuzzResult Execute(IFuzzTarget target, byte[] input, TimeSpan timeout)
    {
        FuzzResult? result = null;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            try
            {
                target.Run(input);
                result = new FuzzResult(FuzzOutcomeKind.Parsed, null, watch.Elapsed);
            }
            catch (Exception e)
            {
                result = new FuzzResult(target.IsTypedError(e) ? FuzzOutcomeKind.TypedError : FuzzOutcomeKind.Crash, e, watch.Elapsed);
            }
        }) { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();
        if (!worker.Join(timeout))
            return new FuzzResult(FuzzOutcomeKind.Hang, null, watch.Elapsed);
        return result!;
    }
}
