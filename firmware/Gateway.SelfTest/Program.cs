using System;
using System.Threading;

namespace Gateway.SelfTest;

/// <summary>
/// The entry point on a board and on a PC: runs every vector and prints the results. On the device
/// the output goes to the debug console (Visual Studio's Output window, or the serial port).
/// </summary>
public static class Program
{
    public static int Main()
    {
        var t = SelfTests.RunAll(new ConsoleOutput());
        // On nanoFramework the app must not end, or the board resets and the output scrolls away.
        if (IsNano) Thread.Sleep(Timeout.Infinite);
        return t.Failed == 0 ? 0 : 1;
    }

    /// <summary>On nanoFramework the core library is "mscorlib"; on .NET it is System.Private.CoreLib.</summary>
    static bool IsNano => typeof(object).Assembly.GetName().Name == "mscorlib";

    sealed class ConsoleOutput : ITestOutput
    {
        public void Line(string text) => Console.WriteLine(text);
    }
}
