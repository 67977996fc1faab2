namespace Gateway.Fuzz;

/// <summary>Runs saved inputs (a file, or every file under a folder) in-process and reports each one.</summary>
public static class Replay
{
    /// <returns>The number of defects (crashes and hangs).</returns>
    public static int Run(IFuzzTarget target, string path, TimeSpan timeout, TextWriter output)
    {
        string[] files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Where(IsInput).Order(StringComparer.Ordinal).ToArray()
            : [path];
        int defects = 0, parsed = 0, typed = 0;
        var slowest = TimeSpan.Zero;
        foreach (var file in files)
        {
            var result = FuzzRunner.Execute(target, File.ReadAllBytes(file), timeout);
            if (result.Elapsed > slowest) slowest = result.Elapsed;
            switch (result.Kind)
            {
                case FuzzOutcomeKind.Parsed: parsed++; break;
                case FuzzOutcomeKind.TypedError: typed++; break;
                default: defects++; break;
            }
            if (result.IsDefect || files.Length == 1)
                output.WriteLine($"{file}: {result}");
        }
        output.WriteLine($"{target.Name}: {files.Length} inputs: {parsed} parsed, {typed} typed errors, {defects} crashes or hangs; slowest {slowest.TotalMilliseconds:F0} ms");
        return defects;
    }

    // afl-fuzz keeps a README.txt beside its crash files, and its queue has .state folders.
    static bool IsInput(string file) =>
        !file.EndsWith("README.txt", StringComparison.Ordinal) && !file.Contains("/.state/", StringComparison.Ordinal);
}
