namespace Gateway.Fuzz.Tests;

/// <summary>What counts as a defect: an exception other than the parser's own, a broken contract, no end in time.</summary>
public class FuzzRunnerTests
{
    sealed class Scripted(Action<byte[]> run) : IFuzzTarget
    {
        public string Name => "scripted";
        public string[] Instrument => [];
        public void Run(byte[] input) => run(input);
        public bool IsTypedError(Exception e) => e is FormatException;
    }

    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void A_typed_error_is_the_right_answer_to_broken_input()
    {
        var result = FuzzRunner.Execute(new Scripted(_ => throw new FormatException("bad")), [1], Short);
        Assert.Equal(FuzzOutcomeKind.TypedError, result.Kind);
        Assert.False(result.IsDefect);
        FuzzRunner.RunLettingDefectsEscape(new Scripted(_ => throw new FormatException("bad")), [1]);
    }

    [Fact]
    public void Any_other_exception_or_a_broken_contract_is_a_crash()
    {
        Assert.Equal(FuzzOutcomeKind.Crash, FuzzRunner.Execute(new Scripted(b => _ = b[5]), [1], Short).Kind);
        Assert.Equal(FuzzOutcomeKind.Crash, FuzzRunner.Execute(new Scripted(_ => throw new FuzzContractException("x")), [1], Short).Kind);
        Assert.Throws<IndexOutOfRangeException>(() => FuzzRunner.RunLettingDefectsEscape(new Scripted(b => _ = b[5]), [1]));
    }

    [Fact]
    public void No_end_within_the_timeout_is_a_hang()
    {
        using var release = new ManualResetEventSlim();
        var result = FuzzRunner.Execute(new Scripted(_ => release.Wait()), [1], Short);
        release.Set();
        Assert.Equal(FuzzOutcomeKind.Hang, result.Kind);
        Assert.True(result.IsDefect);
    }

    [Fact]
    public void Every_target_has_a_unique_name_and_something_to_instrument()
    {
        Assert.Equal(12, FuzzTargets.All.Length);
        Assert.Equal(FuzzTargets.All.Length, FuzzTargets.All.Select(t => t.Name).Distinct().Count());
        Assert.All(FuzzTargets.All, t => Assert.NotEmpty(t.Instrument));
    }
}
