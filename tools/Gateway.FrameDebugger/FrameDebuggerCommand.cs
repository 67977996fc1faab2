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

    public static int Run(FileInfo file, int? explain, TextWriter output, TextWriter error)
    {
        Stream stream;
        try
        {
            stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"framedbg: cannot read {file.Name}: {e.Message}");
            return ExitUnreadable;
        }
        using (stream)
        {
            CaptureReader reader;
            try
            {
                reader = CaptureReader.Open(stream);
            }
            catch (CaptureFormatException e)
            {
                error.WriteLine($"framedbg: {file.Name}: {e.Message}");
                return ExitUnreadable;
            }
            catch (IOException e)
            {
                error.WriteLine($"framedbg: cannot read {file.Name}: {e.Message}");
                return ExitUnreadable;
            }
            return Show(file.Name, reader, explain, output, error);
        }
    }

    static int Show(string name, CaptureReader reader, int? explain, TextWriter output, TextWriter error)
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
                if (explain is null)
                {
                    output.WriteLine(FrameSummary.Line(record.Number, record.Timestamp, layers, record.OriginalLength));
                    continue;
                }
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
