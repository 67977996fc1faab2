using System.Diagnostics;
using Gateway.Core.Tests.Support;
using Xunit.Abstractions;

namespace Gateway.Device.Tests;

/// <summary>
/// The device programs on a real nanoCLR (nf-interpreter's posix build, 32-bit, see
/// tools/nanoclr/README.md), with a managed heap of a given size. They run when GATEWAY_NANOCLR
/// names a tools/nanoclr/build output and are skipped otherwise ("skipped: no nanoCLR"). The
/// heaps are the figures measured on main (docs/benchmarks.md) with a little room, so a change
/// that needs more memory on the device fails here; lower them as the core gets leaner.
/// </summary>
public class NanoClrTests(ITestOutputHelper output)
{
    /// <summary>
    /// The loop probe needed 71 KB on main b476e9d, 39 KB after the split and the memory cuts, and 42 KB once
    /// the IMAP client, the one SASL exchange and BDAT joined the mail library (2026-12-04); 40 KB (issue 15's
    /// target) once the configuration was read from its bytes and an outbox record written in one array (2026-12-05).
    /// </summary>
    const string LoopHeap = "40K";

    /// <summary>
    /// The self-test needed 54 KB on main b476e9d and 32 KB after the split (2026-12-04), 33-34 KB with the ten
    /// IMAP vectors (90 in all; at 32-33 KB MIME vectors ran out of memory). Not monotonic:
    /// 34 KB failed two MIME vectors (out of memory: where the GC ran left no block large enough), 35-48 KB pass.
    /// </summary>
    const string SelfTestHeap = "36K";

    /// <summary>
    /// Runtime + mscorlib hold 4,308 B after boot; with Gateway.Core, Gateway.Mail and Gateway.App 11,148 B
    /// (2026-12-04; one Gateway.Core held 23,880 B before): issue 15's target is at most 8 KB for the core.
    /// </summary>
    const int BootResidentBudget = 4308 + 8 * 1024;

    static string? Tools => Environment.GetEnvironmentVariable("GATEWAY_NANOCLR") is { Length: > 0 } t ? t : null;

    static string Bin(string project) => Path.Combine(RepoPaths.Root, "firmware", project, "bin", "Debug", "netstandard2.0");

    /// <summary>The device assemblies a nano build folder holds (all but the program), in the order measure loads them.</summary>
    static string[] DeviceAssemblies(string bin, string program)
    {
        string[] order = ["Gateway.Core", "Gateway.Mail", "Gateway.App", "Gateway.Signing", "Gateway.Core.Frames"];
        return order.Select(n => Path.Combine(bin, n + ".dll")).Where(File.Exists).Append(Path.Combine(bin, program + ".dll")).ToArray();
    }

    (int Code, string Text) Run(string heap, string until, string[] assemblies)
    {
        Skip.If(Tools == null, "skipped: no nanoCLR (set GATEWAY_NANOCLR to the output folder of tools/nanoclr/build)");
        foreach (var a in assemblies)
            Assert.True(File.Exists(a), a + " is missing: build Gateway.sln (its .Nano projects) first");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { Path.Combine(RepoPaths.Root, "tools", "nanoclr", "run"), "--tools", Tools!, "--heap", heap, "--until", until, "--timeout", "120" }.Concat(assemblies))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        output.WriteLine(text);
        return (process.ExitCode, text);
    }

    [SkippableFact]
    public void The_loop_probe_passes_on_the_nanoCLR_within_its_heap()
    {
        var (code, text) = Run(LoopHeap, "^probe: (ok|failed)", DeviceAssemblies(Bin("Gateway.MemoryProbe.Nano"), "Gateway.MemoryProbe"));

        Assert.Equal(0, code);
        Assert.Contains("\nprobe: ok\n", text);
    }

    [SkippableFact]
    public void The_self_test_passes_on_the_nanoCLR_within_its_heap()
    {
        var (code, text) = Run(SelfTestHeap, "^[0-9]+ passed, [0-9]+ failed", DeviceAssemblies(Bin("Gateway.SelfTest.Nano"), "Gateway.SelfTest"));

        Assert.Equal(0, code);
        Assert.Matches(@"\n[0-9]+ passed, 0 failed\n", text);
    }

    [SkippableFact]
    public void The_core_stays_within_its_boot_resident_budget()
    {
        var core = DeviceAssemblies(Bin("Gateway.MemoryProbe.Nano"), "Gateway.MemoryProbe").SkipLast(1);
        var (code, text) = Run("512K", "^boot: (done|failed)", core.Append(Path.Combine(Bin("Gateway.MemoryProbe.Boot.Nano"), "Gateway.MemoryProbe.Boot.dll")).ToArray());

        Assert.Equal(0, code);
        var after = text[text.IndexOf("boot: collecting", StringComparison.Ordinal)..];
        var gc = System.Text.RegularExpressions.Regex.Match(after, @"GC: [0-9]+msec ([0-9]+) bytes used");
        Assert.True(gc.Success, "no GC line after \"boot: collecting\"");
        Assert.InRange(int.Parse(gc.Groups[1].Value), 1, BootResidentBudget);
    }

    /// <summary>
    /// Parsing config/mailrig.conf allocated 57,336 B in all on the nanoCLR, 40,584 B once pieces of text were
    /// sliced rather than Substring'd (2026-12-04), 7,848 B read from its bytes with the schema rows read in place
    /// (2026-12-05; stack frames included: the runtime takes them from the same heap). Issue 15's target: 8 KB.
    /// </summary>
    const int ParseAllocationBudget = 8 * 1024;

    [SkippableFact]
    public void The_configuration_parse_allocates_within_its_budget_on_the_nanoCLR()
    {
        var (code, text) = Run("512K", "^probe: (ok|failed)", DeviceAssemblies(Bin("Gateway.MemoryProbe.Nano"), "Gateway.MemoryProbe"));

        Assert.Equal(0, code);
        // The count printed last before each "parse: collected" (see LoopScenario.Collect and tools/nanoclr/measure).
        var counts = new List<long>();
        long last = -1;
        foreach (var line in text.Split('\n'))
        {
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^GC: ([0-9]+) bytes allocated since start");
            if (m.Success) last = long.Parse(m.Groups[1].Value);
            else if (line.StartsWith("parse: collected", StringComparison.Ordinal)) counts.Add(last);
        }
        Skip.If(last < 0, "skipped: this nanoCLR build prints no allocation count (build it again with tools/nanoclr/build)");
        Assert.Equal(3, counts.Count);
        long parse = (counts[2] - counts[1]) - (counts[1] - counts[0]);
        output.WriteLine($"configuration parse: {parse} B allocated in all");
        Assert.InRange(parse, 1, ParseAllocationBudget);
    }
}
