using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>tcpdump on the loopback interface for one TCP port, to a temporary pcap file (needs root and tcpdump).</summary>
public sealed class PortCapture : IDisposable
{
    readonly Process _tcpdump;

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gateway-bench-" + Guid.NewGuid().ToString("N") + ".pcap");

    PortCapture(int port)
    {
        var info = new ProcessStartInfo("tcpdump") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-i", "lo", "-U", "--immediate-mode", "-s", "0", "-w", Path, "tcp port " + port }) info.ArgumentList.Add(a);
        _tcpdump = Process.Start(info)!;
        // tcpdump says "listening on lo" on stderr once it captures.
        var line = _tcpdump.StandardError.ReadLine();
        if (line == null || !line.Contains("listening", StringComparison.Ordinal))
            throw new InvalidOperationException("tcpdump did not start: " + line);
        _ = _tcpdump.StandardError.ReadToEndAsync();
        Thread.Sleep(300); // the line can come just before the filter is in place
    }

    /// <summary>A running capture, or null when tcpdump cannot run here (not installed, not root).</summary>
    public static PortCapture? TryStart(int port)
    {
        try { return new PortCapture(port); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return null; }
    }

    /// <summary>Stops tcpdump with SIGINT (it writes what it holds) and waits for it.</summary>
    public void Stop()
    {
        if (_tcpdump.HasExited) return;
        Thread.Sleep(200); // the last FIN and ACK
        Process.Start("kill", ["-INT", _tcpdump.Id.ToString()])!.WaitForExit();
        _tcpdump.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Stop();
        _tcpdump.Dispose();
        File.Delete(Path);
    }
}
