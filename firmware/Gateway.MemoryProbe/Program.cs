using System;

namespace Gateway.MemoryProbe;

/// <summary>
/// The memory probe's entry point on a nanoCLR (tools/nanoclr/measure searches the smallest heap at
/// which it prints "probe: ok") and on .NET (the same scenario, checked by the tests).
/// </summary>
public static class Program
{
    public static int Main() => LoopScenario.Run(new ConsoleOutput()) ? 0 : 1;

    sealed class ConsoleOutput : IProbeOutput
    {
        public void Line(string text) => Console.WriteLine(text);
    }
}
