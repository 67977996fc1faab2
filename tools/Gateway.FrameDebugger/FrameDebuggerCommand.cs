using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger;

/// <summary>Reads a capture and writes one line per frame, or the explanation of one frame.</summary>
public static class FrameDebuggerCommand
{
    public const int ExitOk = 0;
    /// <summary>The file could not be read at all: missing, unreadable, wrong magic, unknown link type.</summary>
    public const int ExitUnreadable = 2;
    /// <summary>Frames were shown, then a damaged record stopped the reading.</summary>
    public const int ExitDamaged = 3;
    /// <summary>Options that do not go together.</summary>
    public const int ExitUsage = 1;

    /// <param name="path">A capture file; with <paramref name="hexLinkType"/>, hex text ("-" for standard input).</param>
    /// <param name="hexLinkType">Read hex text whose frames have this link type; null for a pcap/pcapng file.</param>
    /// <param name="json">Write JSON (one object per frame per line) instead of text.</param>
    /// <param name="svgPath">With <paramref name="explain"/>: also write the frame's nesting as an SVG picture to this file.</param>
    public static int Run(string path, int? explain, TextWriter output, TextWriter error, int? hexLinkType = null, bool json = false,
        bool dialogue = false, bool showSecrets = false, string? svgPath = null)
    {
        if (svgPath != null && explain is null)
        {
            error.WriteLine("framedbg: --svg needs --explain N (the frame to draw)");
            return ExitUsage;
        }
        string name = path == "-" ? "standard input" : Path.GetFileName(path);
        Stream stream;
        try
        {
            stream = path == "-" && hexLinkType != null
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"framedbg: cannot read {name}: {e.Message}");
            return ExitUnreadable;
        }
        using (stream)
        {
            CaptureReader reader;
            try
            {
                reader = hexLinkType is int linkType ? new HexDumpReader(stream, linkType) : CaptureReader.Open(stream);
            }
            catch (CaptureFormatException e)
            {
                error.WriteLine($"framedbg: {name}: {e.Message}");
                return ExitUnreadable;
            }
            catch (IOException e)
            {
                error.WriteLine($"framedbg: cannot read {name}: {e.Message}");
                return ExitUnreadable;
            }
            return View(name, reader, explain, output, error, json, dialogue, showSecrets, svgPath);
        }
    }

    /// <summary>
    /// `--live IFACE`: frames from an interface through libpcap, with the same views as a file; the dialogue
    /// is written when the capture ends (after <paramref name="count"/> frames, <paramref name="seconds"/>, or a stop).
    /// </summary>
    /// <param name="started">Called once capturing has begun (the reader can be stopped from there).</param>
    public static int RunLive(string iface, string? filter, int? count, double? seconds, int? explain, TextWriter output, TextWriter error,
        bool json = false, bool dialogue = false, bool showSecrets = false, string? svgPath = null, Action<LiveCaptureReader>? started = null)
    {
        if (svgPath != null && explain is null)
        {
            error.WriteLine("framedbg: --svg needs --explain N (the frame to draw)");
            return ExitUsage;
        }
        using var reader = LiveCaptureReader.Open(iface, filter, count, seconds, out string why);
        if (reader is null)
        {
            error.WriteLine("framedbg: " + why);
            return ExitUnreadable;
        }
        started?.Invoke(reader);
        return View(iface, reader, explain, output, error, json, dialogue, showSecrets, svgPath);
    }

    static int View(string name, CaptureReader reader, int? explain, TextWriter output, TextWriter error, bool json, bool dialogue, bool showSecrets, string? svgPath)
    {
        if (dialogue)
        {
            try
            {
                // Each connection is written when it ends, so memory follows the connections open at once.
                Dialogue.MailDialogue.Stream(reader, showSecrets, c =>
                {
                    if (json) output.WriteLine(Dialogue.DialogueJson.Connection(c));
                    else Dialogue.MailDialogue.WriteConnection(c, output);
                });
                return ExitOk;
            }
            catch (CaptureFormatException e)
            {
                error.WriteLine($"framedbg: {name}: {e.Message}");
                return ExitDamaged;
            }
        }
        return Show(name, reader, explain, json, output, error, showSecrets, svgPath);
    }

    static int Show(string name, CaptureReader reader, int? explain, bool json, TextWriter output, TextWriter error, bool showSecrets, string? svgPath)
    {
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        // Explaining frame N: the connection up to N says which bytes are credentials and which lines N carried.
        // One line per frame: the same reassembly says what each frame carried and what only the stream shows
        // (retransmission, out of order); it keeps no transcript, so a long live capture does not grow.
        // The closing lines wait for the last frame; held in a file, not in memory, so a long capture does not grow.
        using var closing = new ClosingLines();
        var conversation = explain is not null
            ? new Dialogue.MailDialogue { ShowSecrets = showSecrets }
            : new Dialogue.MailDialogue { ShowSecrets = showSecrets, KeepTranscript = false, Ended = c => closing.Add(ConnectionTrouble(c, json)) };
        var line = new FrameLineWriter();
        // Lines go out as bytes to the stream under a StreamWriter (the console), as strings to any other writer.
        var raw = output is StreamWriter writer && !json ? writer.BaseStream : null;
        output.Flush();
        int frames = 0;
        try
        {
            while (reader.TryRead(record))
            {
                frames++;
                var link = (LinkType)record.LinkType;
                if (!FrameDecoder.IsSupported(link))
                {
                    error.WriteLine($"framedbg: {name}: unknown link type {record.LinkType} (frame {record.Number}, interface {record.Interface})");
                    return ExitUnreadable;
                }
                FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
                conversation.Add(record.Number, record.TimestampNanoseconds, layers);
                var carried = conversation.TakeFresh();
                if (explain is not null)
                {
                    if (record.Number != explain) continue;
                    return Explain(record, layers, carried, conversation, json, showSecrets, svgPath, output, error);
                }
                if (json) output.WriteLine(FrameJson.Frame(record, layers, withFields: false, carried: carried));
                else if (raw != null) line.Write(raw, record.Number, record.TimestampNanoseconds, layers, record.OriginalLength, carried);
                else output.WriteLine(line.Text(record.Number, record.TimestampNanoseconds, layers, record.OriginalLength, carried));
            }
            if (raw != null) line.Flush(raw);
            if (explain is null)
            {
                conversation.Finish();
                closing.CopyTo(output);
            }
        }
        catch (CaptureFormatException e)
        {
            error.WriteLine($"framedbg: {name}: {e.Message}");
            return ExitDamaged;
        }
        catch (IOException e)
        {
            error.WriteLine($"framedbg: cannot read {name}: {e.Message}");
            return ExitUnreadable;
        }
        finally
        {
            if (raw != null) line.Flush(raw); // the frames shown before a damaged record
        }
        if (explain is int n)
        {
            error.WriteLine($"framedbg: {name}: no frame {n}; the capture has {frames}");
            return ExitUnreadable;
        }
        return ExitOk;
    }

    /// <summary>
    /// After the last frame: what only a whole connection shows, one line each: a command left without a
    /// reply (the dialogue stops mid-command), bytes the capture never saw. Null when the connection had none.
    /// </summary>
    static string? ConnectionTrouble(Dialogue.DialogueConnection c, bool json)
    {
        var trouble = c.Anomalies.Where(a => a.Kind is Dialogue.DialogueAnomaly.StopsMidCommand or Dialogue.DialogueAnomaly.LostBytes).ToList();
        if (trouble.Count == 0) return null;
        return json
            ? FrameJson.Connection(c, trouble)
            : $"    ! {c.Protocol} {c.Client} -> {c.Server} (from frame #{c.FirstFrame}): " + string.Join("; ", trouble.Select(a => a.Text + (a.Frames.Length > 0 ? " (frame #" + string.Join(",", a.Frames) + ")" : "")));
    }

    static int Explain(CaptureRecord record, FrameLayers layers, List<Dialogue.CarriedEntry> carried, Dialogue.MailDialogue conversation,
        bool json, bool showSecrets, string? svgPath, TextWriter output, TextWriter error)
    {
        conversation.Finish();
        // Credentials are masked in the raw bytes shown (hex dump, JSON hex) unless --show-secrets.
        var shown = showSecrets
            ? record.Data.AsSpan(0, record.Length).ToArray()
            : conversation.Masked(record.Data, record.Length, layers);
        if (json) output.WriteLine(FrameJson.Frame(record, layers, withFields: true, shown, carried));
        else
        {
            output.WriteLine(Heading(record));
            var notes = FrameSummary.Anomalies(layers, record.OriginalLength, carried);
            if (notes.Count > 0) output.WriteLine("anomalies: " + string.Join("; ", notes));
            string carries = FrameSummary.Carries(carried);
            if (carries.Length > 0) output.WriteLine("carries: " + carries.TrimStart());
            output.Write(FrameExplainer.Explain(layers, shown));
        }
        if (svgPath is null) return ExitOk;
        try
        {
            FrameSvg.Save(FrameSvg.Draw(record, layers, conversation), svgPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"framedbg: cannot write {svgPath}: {e.Message}");
            return ExitUnreadable;
        }
        if (!json) output.WriteLine($"picture of frame {record.Number} written to {svgPath}");
        return ExitOk;
    }

    /// <summary>The first line of --explain and the title of --svg.</summary>
    public static string Heading(CaptureRecord record) =>
        $"frame {record.Number}: {record.Length} bytes captured of {record.OriginalLength}, {record.Timestamp:yyyy-MM-dd HH:mm:ss.fffffff} UTC, interface {record.Interface}, link type {record.LinkType}";
}
