namespace Gateway.Fuzz;

/// <summary>
/// One parser driven by arbitrary bytes. <see cref="Run"/> feeds the input the way the product (and its
/// tests) do and throws whatever the parser throws; <see cref="IsTypedError"/> names the parser's own
/// errors, which are the right answer to broken input. Anything else escaping, or an invariant broken
/// (<see cref="FuzzContractException"/>), or no end in bounded time, is a defect.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and the prefix of seed and regression files.</summary>
    string Name { get; }

    /// <summary>The assemblies whose code this target exercises (what tools/fuzz/run instruments).</summary>
    string[] Instrument { get; }

    void Run(byte[] input);

    bool IsTypedError(Exception e);
}
