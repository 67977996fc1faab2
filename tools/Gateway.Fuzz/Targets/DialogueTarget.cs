using Gateway.Core.Frames;
using Gateway.FrameDebugger;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as a capture file through framedbg's stream views: every frame decoded and fed to the TCP
/// reassembly and mail dialogue, its one-line view with what it carried, then the dialogue as text and
/// JSON. Only a damaged capture (<see cref="CaptureFormatException"/>) may end it early.
/// </summary>
public sealed class DialogueTarget : IFuzzTarget
{
    public string Name => "dialogue";

    public string[] Instrument => ["framedbg.dll"];

    public void Run(byte[] input)
    {
        var reader = CaptureReader.Open(new MemoryStream(input, writable: false));
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        // Both ways the tool runs it: the one-line view (no transcript) and the dialogue view (all kept).
        var lines = new MailDialogue { KeepTranscript = false };
        var dialogue = new MailDialogue();
        while (reader.TryRead(record))
        {
            var link = (LinkType)record.LinkType;
            if (!FrameDecoder.IsSupported(link)) continue;
            FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
            lines.Add(record.Number, layers);
            _ = FrameSummary.Line(record.Number, record.Timestamp, layers, record.OriginalLength, lines.TakeFresh());
            dialogue.Add(record.Number, layers);
        }
        lines.Finish();
        dialogue.Write(TextWriter.Null);
        DialogueJson.Write(dialogue, TextWriter.Null);
        foreach (var c in dialogue.Connections)
            foreach (var e in c.Entries)
                if (e.Frames.Length == 0 || e.Frames.Any(f => f < 1 || f > record.Number))
                    throw new FuzzContractException("an entry names frames " + string.Join(",", e.Frames) + " of " + record.Number);
    }

    public bool IsTypedError(Exception e) => e is CaptureFormatException;
}
