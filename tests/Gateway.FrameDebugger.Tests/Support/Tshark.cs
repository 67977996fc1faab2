using System.Diagnostics;
using System.Text.Json;

namespace Gateway.FrameDebugger.Tests.Support;

/// <summary>Runs tshark over a capture and returns each frame's fields, flattened in document order.</summary>
public static class Tshark
{
    public static bool IsInstalled { get; } = Find() != null || InstallForCi();

    static bool InstallForCi()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" || Environment.UserName != "root") return false;
        var start = new ProcessStartInfo("apt-get", "install -y --no-install-recommends tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var apt = Process.Start(start)!;
            apt.StandardOutput.ReadToEnd();
            apt.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no apt-get here
        }
        return Find() != null;
    }

    static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var path = Path.Combine(dir, "tshark");
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>One list per frame of (field name, value) pairs; a field that repeats (VLAN tags, TCP option kinds) appears in order.</summary>
    public static List<List<(string Name, string Value)>> Decode(string capture)
    {
        var start = new ProcessStartInfo(Find() ?? "tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Verify checksums (tshark does not by default), keep fragments as they are, show raw SACK edges.
        foreach (var a in new[] { "-n", "-r", capture, "-T", "json",
                     "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                     "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "tcp.relative_sequence_numbers:FALSE" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("tshark failed: " + stderr.Result);
        var frames = new List<List<(string, string)>>();
        using var doc = JsonDocument.Parse(json);
        foreach (var packet in doc.RootElement.EnumerateArray())
        {
            var fields = new List<(string, string)>();
            Flatten(packet.GetProperty("_source").GetProperty("layers"), fields);
            frames.Add(fields);
        }
        return frames;
    }

    static void Flatten(JsonElement e, List<(string, string)> into)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object) Flatten(p.Value, into);
            else if (p.Value.ValueKind == JsonValueKind.String) into.Add((p.Name, p.Value.GetString()!));
            else if (p.Value.ValueKind == JsonValueKind.Array)
                foreach (var item in p.Value.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) into.Add((p.Name, item.GetString()!));
                    else if (item.ValueKind == JsonValueKind.Object) Flatten(item, into);
        }
    }
}
