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

    /// <summary>
    /// `tshark -q -z follow,tcp,raw,N` for every TCP stream of a capture: each stream's two endpoints
    /// (node 0 sent the first packet) and the bytes each one sent, as tshark reassembles them.
    /// </summary>
    public static List<(string Node0, string Node1, byte[] From0, byte[] From1)> FollowAll(string capture)
    {
        var streams = new List<(string, string, byte[], byte[])>();
        int count = Run("-n", "-r", capture, "-T", "fields", "-e", "tcp.stream")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).DefaultIfEmpty(-1).Max() + 1;
        for (int n = 0; n < count; n++)
        {
            string node0 = "", node1 = "";
            var from0 = new List<byte>();
            var from1 = new List<byte>();
            foreach (var line in Run("-n", "-r", capture, "-q", "-z", $"follow,tcp,raw,{n}").Split('\n'))
            {
                if (line.StartsWith("Node 0: ", StringComparison.Ordinal)) node0 = line[8..].Trim();
                else if (line.StartsWith("Node 1: ", StringComparison.Ordinal)) node1 = line[8..].Trim();
                else if (node1.Length == 0 || line.StartsWith('=') || line.Trim().Length == 0) continue;
                else if (line.StartsWith('\t')) from1.AddRange(Convert.FromHexString(line.Trim()));
                else from0.AddRange(Convert.FromHexString(line.Trim()));
            }
            streams.Add((node0, node1, from0.ToArray(), from1.ToArray()));
        }
        return streams;
    }

    static string Run(params string[] args)
    {
        var start = new ProcessStartInfo(Find() ?? "tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("tshark failed: " + stderr.Result);
        return text;
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
