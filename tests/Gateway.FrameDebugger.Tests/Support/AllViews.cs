using System.Text;
using System.Text.Json;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Tests.Support;

/// <summary>
/// Every view framedbg has of a capture, through the command as a person runs it: one-line (text, JSON),
/// --dialogue (text, JSON), and for every frame --explain (text, JSON) and --svg. The raw bytes a view
/// shows (the hex dump's rows, the JSON "hex") are read back, so a secret split over two rows is found.
/// </summary>
public static class AllViews
{
    /// <param name="Bytes">The frame bytes the view shows in hex, read back; empty for views without.</param>
    public sealed record View(string Name, string Text, byte[] Bytes);

    public static List<View> Of(string capture, bool showSecrets, string scratch)
    {
        var views = new List<View>
        {
            Run("one-line", capture, null, showSecrets),
            Run("one-line --json", capture, null, showSecrets, json: true),
            Run("--dialogue", capture, null, showSecrets, dialogue: true),
            Run("--dialogue --json", capture, null, showSecrets, json: true, dialogue: true),
        };
        int frames = Frames(capture);
        for (int n = 1; n <= frames; n++)
        {
            var text = Run($"--explain {n}", capture, n, showSecrets);
            views.Add(text with { Bytes = HexDumpBytes(text.Text) });
            var json = Run($"--explain {n} --json", capture, n, showSecrets, json: true);
            views.Add(json with { Bytes = Convert.FromHexString(JsonDocument.Parse(json.Text).RootElement.GetProperty("hex").GetString()!) });
            string svg = Path.Combine(scratch, $"frame-{n}.svg");
            Run($"--explain {n} --svg", capture, n, showSecrets, svg: svg);
            views.Add(new View($"--explain {n} --svg", File.ReadAllText(svg), []));
        }
        return views;
    }

    /// <summary>The views in which any of <paramref name="secrets"/> shows, as text, in the bytes shown in hex, or as JSON hex.</summary>
    public static List<string> Leaks(IEnumerable<View> views, IEnumerable<string> secrets) =>
        (from v in views
         from s in secrets
         let bytes = Encoding.UTF8.GetBytes(s)
         where v.Text.Contains(s, StringComparison.Ordinal)
               || v.Text.Contains(Convert.ToHexStringLower(bytes), StringComparison.Ordinal)
               || v.Bytes.AsSpan().IndexOf(bytes) >= 0
         select $"{v.Name}: {s}").ToList();

    static View Run(string name, string capture, int? explain, bool showSecrets, bool json = false, bool dialogue = false, string? svg = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = FrameDebuggerCommand.Run(capture, explain, output, error, json: json, dialogue: dialogue, showSecrets: showSecrets, svgPath: svg);
        if (exit != FrameDebuggerCommand.ExitOk) throw new InvalidOperationException($"framedbg {name} {capture}: exit {exit}: {error}");
        return new View(name, output.ToString(), []);
    }

    static int Frames(string capture)
    {
        using var stream = File.OpenRead(capture);
        var reader = CaptureReader.Open(stream);
        var record = new CaptureRecord();
        int n = 0;
        while (reader.TryRead(record)) n++;
        return n;
    }

    /// <summary>The bytes of the hex dump's rows ("0010  45 00 ..  E..."), in order.</summary>
    static byte[] HexDumpBytes(string explain)
    {
        var bytes = new List<byte>();
        foreach (var line in explain.Split('\n'))
        {
            if (line.Length < 8 || !Uri.IsHexDigit(line[0]) || line[4] != ' ' || line[5] != ' ' || !line[..4].All(Uri.IsHexDigit)) continue;
            // 16 columns of "xx " with one more space after the eighth: 49 characters, then the text column.
            foreach (var token in line[6..Math.Min(line.Length, 6 + 49)].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                bytes.Add(Convert.ToByte(token, 16));
        }
        return bytes.ToArray();
    }
}
