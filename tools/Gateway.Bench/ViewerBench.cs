using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>
/// `framedbg` against the public tools on one capture it generates (<see cref="CaptureRepeater"/>): whole
/// processes, output to a pipe that is read and counted, wall time and peak memory (VmHWM, the kernel's
/// high-water mark of the resident set). The tools take turns run after run, so a load that comes and
/// goes on the shared machine falls on all of them; the median of the runs is reported.
/// </summary>
public sealed class ViewerBench(string framedbg, string capture, int runs)
{
    public record Tool(string Name, string File, string[] Args);

    public record Result(string Name, double MedianSeconds, double[] Seconds, long PeakBytes, long OutputBytes);

    /// <summary>The one-line views and the conversation views, framedbg's and the public tools' (those installed).</summary>
    public List<Tool> Tools()
    {
        var tools = new List<Tool>
        {
            new("framedbg CAPTURE", framedbg, [capture]),
            new("tcpdump -nn -r CAPTURE", "tcpdump", ["-nn", "-r", capture]),
            new("tshark -r CAPTURE", "tshark", ["-r", capture]),
            new("framedbg CAPTURE --dialogue", framedbg, [capture, "--dialogue"]),
            new("tshark -r CAPTURE -q -z follow,tcp,ascii,0", "tshark", ["-r", capture, "-q", "-z", "follow,tcp,ascii,0"]),
        };
        return tools.Where(t => t.File == framedbg || Installed(t.File)).ToList();
    }

    public List<Result> Run(List<Tool> tools)
    {
        var seconds = tools.ToDictionary(t => t, _ => new List<double>());
        var peak = tools.ToDictionary(t => t, _ => 0L);
        var output = tools.ToDictionary(t => t, _ => 0L);
        for (int run = 0; run < runs; run++)
            foreach (var t in tools)
            {
                var (s, p, o) = Measure(t);
                seconds[t].Add(s);
                peak[t] = Math.Max(peak[t], p);
                output[t] = o;
            }
        return tools.Select(t => new Result(t.Name, Median(seconds[t]), seconds[t].ToArray(), peak[t], output[t])).ToList();
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One run: wall seconds, peak resident bytes, bytes written to standard output.</summary>
    static (double Seconds, long Peak, long Output) Measure(Tool tool)
    {
        var info = new ProcessStartInfo(tool.File) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in tool.Args) info.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(info)!;
        _ = p.StandardError.ReadToEndAsync();
        var drain = Task.Run(() =>
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            var stdout = p.StandardOutput.BaseStream;
            int n;
            while ((n = stdout.Read(buffer)) > 0) total += n;
            return total;
        });
        long peak = 0;
        while (!p.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(p.Id));
            Thread.Sleep(2);
        }
        p.WaitForExit();
        sw.Stop();
        long written = drain.Result;
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool.Name} exited with {p.ExitCode}");
        return (sw.Elapsed.TotalSeconds, peak, written);
    }

    /// <summary>VmHWM of a running process in bytes (0 once it is gone): it only grows, so the last reading is the peak up to then.</summary>
    static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process ended between the check and the read.
        }
        return 0;
    }

    static bool Installed(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
