/// <summary>
/// Loaded into the gateway by DOTNET_STARTUP_HOOKS: every SOAK_PROBE_SECONDS (default 10) it rewrites
/// SOAK_PROBE_FILE with one line of the GC's own numbers, so the soak harness can sample the managed
/// heap of any build, including one that was not changed for the soak. One thread, no timers, a few
/// hundred bytes allocated per line: the same small cost in every run it measures.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var file = Environment.GetEnvironmentVariable("SOAK_PROBE_FILE");
        if (string.IsNullOrEmpty(file)) return;
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("SOAK_PROBE_SECONDS"), out var s) && s > 0 ? s : 10;
        var thread = new Thread(() => Loop(file, seconds)) { IsBackground = true, Name = "soak probe" };
        thread.Start();
    }

    static void Loop(string file, int seconds)
    {
        var temp = file + ".new";
        while (true)
        {
            var info = GC.GetGCMemoryInfo();
            // heap_kb: live after the last GC; committed_kb: what the GC holds from the OS; gcs: gen0/gen1/gen2 counts.
            var line = $"heap_kb={info.HeapSizeBytes / 1024} committed_kb={info.TotalCommittedBytes / 1024} " +
                       $"total_kb={GC.GetTotalMemory(false) / 1024} allocated_kb={GC.GetTotalAllocatedBytes() / 1024} " +
                       $"gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} " +
                       // jit: methods compiled so far (a tier-up batch shows here), pool: thread-pool threads now.
                       $"jit={System.Runtime.JitInfo.GetCompiledMethodCount()} pool={ThreadPool.ThreadCount}\n";
            File.WriteAllText(temp, line);
            File.Move(temp, file, overwrite: true);
            Thread.Sleep(seconds * 1000);
        }
    }
}
