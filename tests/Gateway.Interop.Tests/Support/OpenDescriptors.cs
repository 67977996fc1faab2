namespace Gateway.Tests.Support;

/// <summary>
/// The process's open sockets and files, by descriptor, with what each is (socket:[inode] or a path), for
/// tests that a session gives back what it opened. Not counted: the pipes the runtime makes for each new
/// thread-pool thread (strace: pipe2 at thread start in libcoreclr), and assemblies the JIT maps at its own
/// pace (tier-1 recompilation); both are the runtime's, not a session's. Linux (/proc) only.
/// </summary>
public static class OpenDescriptors
{
    public static Dictionary<string, string> Now()
    {
        var open = new Dictionary<string, string>();
        foreach (var fd in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                var target = new FileInfo(fd).LinkTarget ?? "?";
                if (target.StartsWith("socket:", StringComparison.Ordinal) || (target.StartsWith('/') && !target.EndsWith(".dll", StringComparison.Ordinal)))
                    open[Path.GetFileName(fd)] = target;
            }
            catch (IOException)
            {
                // The directory's own descriptor is gone by the time it is read.
            }
        }
        return open;
    }

    /// <summary>The descriptors open now that were not (or were something else) in <paramref name="before"/>: "12 -> socket:[345]".</summary>
    public static string Added(Dictionary<string, string> before)
    {
        var now = Now();
        return string.Join(", ", now.Where(kv => !before.TryGetValue(kv.Key, out var was) || was != kv.Value).Select(kv => kv.Key + " -> " + kv.Value));
    }
}
