namespace Gateway.Fuzz.Tests;

/// <summary>
/// Every saved input with the target it belongs to: the seeds (tools/fuzz/seeds/TARGET/*) and the
/// regressions, each named TARGET-*.bin, that fuzzing found (tests/*/Fuzz/Regressions).
/// </summary>
public static class FuzzInputs
{
    public static string Root { get; } = FindRoot();

    public static string SeedFolder => Path.Combine(Root, "tools", "fuzz", "seeds");

    public static readonly string[] RegressionFolders =
    [
        Path.Combine("tests", "Gateway.Core.Tests", "Fuzz", "Regressions"),
        Path.Combine("tests", "Gateway.FrameDebugger.Tests", "Fuzz", "Regressions"),
    ];

    /// <summary>(target name, path relative to the root) of every seed and regression input.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.GetDirectories(SeedFolder).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(dir), Path.GetRelativePath(Root, file));
        foreach (var (target, file) in Regressions())
            data.Add(target, file);
        return data;
    }

    public static IEnumerable<(string Target, string File)> Regressions()
    {
        foreach (var folder in RegressionFolders)
        {
            var dir = Path.Combine(Root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.GetFiles(dir, "*.bin").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(file);
                string target = FuzzTargets.All.Select(t => t.Name).Where(n => name.StartsWith(n + "-", StringComparison.Ordinal)).MaxBy(n => n.Length) ?? "";
                yield return (target, Path.GetRelativePath(Root, file));
            }
        }
    }

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }
}
