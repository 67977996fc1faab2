using System.Text;

namespace Gateway.Fuzz;

/// <summary>
/// With GATEWAY_FUZZ_CANARY=1 an input that starts with "CANARY-CRASH" throws and one that starts with
/// "CANARY-HANG" never ends: proof, end to end, that afl-fuzz records both (tools/fuzz/run --canary).
/// </summary>
public static class Canary
{
    public static void Check(byte[] input)
    {
        if (StartsWith(input, "CANARY-CRASH")) throw new InvalidOperationException("canary crash");
        if (StartsWith(input, "CANARY-HANG")) Thread.Sleep(Timeout.Infinite);
    }

    static bool StartsWith(byte[] input, string prefix) =>
        input.AsSpan().StartsWith(Encoding.ASCII.GetBytes(prefix));
}
