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

    /// <param name="path">A capture file; with <paramref name="hexLinkType"/>, hex text ("-" for standard input).</param>
    /// <param name="hexLinkType">Read hex text whose frames have this link type; null for a pcap/pcapng file.</param>
    /// <param name="json">Write JSON (one object per frame per line) instead of text.</param>
    public static int Run(string path, int? explain, TextWriter output, TextWriter error, int? hexLinkType = null, bool json = false,
        bool dialogue = false, bool showSecrets = false)
    {
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
            if (dialogue)
            {
                try
                {
                    var conversation = Dialogue.MailDialogue.Read(reader, showSecrets);
                    if (json) Dialogue.DialogueJson.Write(conversation, output);
                    else conversation.Write(output);
                    return ExitOk;
                }
                catch (CaptureFormatException e)
                {
                    error.WriteLine($"framedbg: {name}: {e.Message}");
                    return ExitDamaged;
                }
            }
            return Show(name, reader, explain, json, output, error);
        }
    }

    static int Show(string name, CaptureReader reader, int? explain, bool json, TextWriter output, TextWriter error)
    {
        var record = new CaptureRecord();
        var layers = new FrameLayers();
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
                if (explain is int wanted && record.Number != wanted) continue;
                FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
                if (json)
                    output.WriteLine(FrameJson.Frame(record, layers, withFields: explain != null));
                else if (explain is null)
                    output.WriteLine(FrameSummary.Line(record.Number, record.Timestamp, layers, record.OriginalLength));
                if (explain is null) continue;
                if (json) return ExitOk;
                output.WriteLine($"frame {record.Number}: {record.Length} bytes captured of {record.OriginalLength}, {record.Timestamp:yyyy-MM-dd HH:mm:ss.fffffff} UTC, interface {record.Interface}, link type {record.LinkType}");
                output.Write(FrameExplainer.Explain(layers));
                return ExitOk;
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
        if (explain is int n)
        {
            error.WriteLine($"framedbg: {name}: no frame {n}; the capture has {frames}");
            return ExitUnreadable;
        }
        return ExitOk;
    }
}
