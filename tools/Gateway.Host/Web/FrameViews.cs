using System.Text.Json.Nodes;
using Gateway.Core.Frames;
using Gateway.FrameDebugger;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.Host.Web;

/// <summary>
/// framedbg's views of a capture, for the page: the same readers, reassembly, redaction, JSON and
/// picture as `framedbg`, called rather than copied. Credentials are always redacted here (there is no
/// --show-secrets on the page).
/// </summary>
public static class FrameViews
{
    /// <summary>One object per frame (framedbg --json) with its one-line view as "line"; "error" when a record is damaged.</summary>
    public static JsonObject Frames(CaptureFile file)
    {
        var frames = new JsonArray();
        string? error = null;
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        var conversation = new MailDialogue { KeepTranscript = false };
        try
        {
            var reader = Open(file);
            while (reader.TryRead(record))
            {
                var link = (LinkType)record.LinkType;
                if (!FrameDecoder.IsSupported(link))
                {
                    error = $"unknown link type {record.LinkType} (frame {record.Number})";
                    break;
                }
                FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
                conversation.Add(record.Number, layers);
                var carried = conversation.TakeFresh();
                var frame = JsonNode.Parse(FrameJson.Frame(record, layers, withFields: false, carried: carried))!.AsObject();
                frame["line"] = FrameSummary.Line(record.Number, record.Timestamp, layers, record.OriginalLength, carried);
                frames.Add(frame);
            }
        }
        catch (CaptureFormatException e)
        {
            error = e.Message;
        }
        var result = new JsonObject { ["id"] = file.Id, ["name"] = file.Name, ["frames"] = frames };
        if (error != null) result["error"] = error;
        return result;
    }

    /// <summary>Every TCP connection as framedbg --dialogue --json writes it.</summary>
    public static JsonArray Dialogue(CaptureFile file)
    {
        var dialogue = MailDialogue.Read(Open(file), showSecrets: false);
        return new JsonArray(dialogue.Connections.Select(c => (JsonNode?)JsonNode.Parse(DialogueJson.Connection(c))).ToArray());
    }

    /// <summary>
    /// Frame <paramref name="number"/> explained: every field (framedbg --explain N --json), the text view
    /// with the marked hex dump (credential bytes as '*'), and the SVG drawing; null when there is no such frame.
    /// </summary>
    public static JsonObject? Explain(CaptureFile file, int number)
    {
        var picture = Find(file, number);
        if (picture == null) return null;
        var (record, layers, conversation, carried) = picture.Value;
        var shown = conversation.Masked(record.Data, record.Length, layers);
        var result = JsonNode.Parse(FrameJson.Frame(record, layers, withFields: true, shown, carried))!.AsObject();
        result["heading"] = FrameDebuggerCommand.Heading(record);
        result["explain"] = FrameExplainer.Explain(layers, shown);
        return result;
    }

    /// <summary>The drawing of frame <paramref name="number"/> (framedbg --explain N --svg), or null.</summary>
    public static string? Svg(CaptureFile file, int number)
    {
        var picture = Find(file, number);
        if (picture == null) return null;
        var (record, layers, conversation, _) = picture.Value;
        return FrameSvg.Draw(record, layers, conversation).ToString();
    }

    /// <summary>Reads up to frame <paramref name="number"/>, feeding the connection before it (which bytes are secrets).</summary>
    static (CaptureRecord, FrameLayers, MailDialogue, List<CarriedEntry>)? Find(CaptureFile file, int number)
    {
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        var conversation = new MailDialogue();
        var reader = Open(file);
        while (reader.TryRead(record))
        {
            var link = (LinkType)record.LinkType;
            if (!FrameDecoder.IsSupported(link)) return null;
            FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
            conversation.Add(record.Number, layers);
            var carried = conversation.TakeFresh();
            if (record.Number != number) continue;
            conversation.Finish();
            return (record, layers, conversation, carried);
        }
        return null;
    }

    static CaptureReader Open(CaptureFile file) => CaptureReader.Open(new MemoryStream(file.Bytes(), writable: false));
}
