using System.Text;

namespace Gateway.Fuzz;

/// <summary>
/// With GATEWAY_FUZZ_CANARY=1 an input that starts with "CANARY-C" throws and one that starts with
/// "CANARY-@" never ends: proof, end to end, that afl-fuzz records both. The canary seed "CANARY-B"
/// is one bit flip from each ('B' 0x42 -> 'C' 0x43 or '@' 0x40); see tools/fuzz/run.
/// </summary>
public static class Canary
{
    public static void Check(byte[] input)
    {
        if (StartsWith(input, "CANARY-C")) throw new InvalidOperationException("canary crash");
        if (StartsWith(input, "CANARY-@")) Thread.Sleep(Timeout.Infinite);
    }

    static bool StartsWith(byte[] input, string prefix) =>
        input.AsSpan().StartsWith(Encoding.ASCII.GetBytes(prefix));
}
