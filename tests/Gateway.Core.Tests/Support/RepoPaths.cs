namespace Gateway.Core.Tests.Support;

public static class RepoPaths
{
    /// <summary>The checkout's root: the folder above the test binaries that holds Gateway.sln.</summary>
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }
}
