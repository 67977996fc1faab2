using System.Globalization;
using System.Xml.Linq;
using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger;

/// <summary>
/// `--svg FILE`: one frame's nesting as a picture for a slide: a box per header (Ethernet around IP
/// around TCP), each listing its fields as name = value in two columns, and the payload innermost
/// with the protocol lines it carried (already redacted by the caller). Text goes through
/// System.Xml.Linq, so whatever a capture holds is escaped.
/// </summary>
public static class FrameSvg
{
    const int Width = 1280, Margin = 16, Indent = 22, Line = 24, Title = 30, Pad = 10, FontSize = 17;
    /// <summary>Longer values are cut with an ellipsis so the columns stay apart at a slide's font size.</summary>
    const int MaxValue = 34, MaxPayloadLine = 100, MaxPayloadLines = 8;

    static readonly string[] Fills = ["#dbe8fb", "#dcefe0", "#fdf0cc", "#f6dcdc", "#e9ddf5"];
    static readonly string[] Strokes = ["#3b6fc2", "#3a8a4f", "#b38600", "#b03a3a", "#6f45a8"];
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <param name="heading">The picture's title line, e.g. "frame 9: 84 bytes, 2026-11-27 04:43:13".</param>
    /// <param name="payloadLines">The protocol lines the frame carried ("C: STAT"); empty for none.</param>
    /// <param name="payloadName">What the payload is ("SMTP", "POP3"); null when not known.</param>
    public static XDocument Render(FrameLayers r, string heading, IReadOnlyList<string> payloadLines, string? payloadName = null)
    {
        // One box per layer, and one for the payload when there is one.
        var boxes = new List<(string title, List<string> rows)>();
        for (int l = 0; l < r.LayerCount; l++)
        {
            var rows = new List<string>();
            int first = int.MaxValue, end = 0;
            for (int f = 0; f < r.FieldCount(l); f++)
            {
                var field = r.GetField(l, f);
                rows.Add(field.Info.Name + " = " + Cut(field.Value, MaxValue));
                first = Math.Min(first, field.ByteOffset - r.FrameOffset);
                end = Math.Max(end, field.ByteOffset - r.FrameOffset + field.ByteLength);
            }
            string bytes = rows.Count == 0 ? "" : $" (bytes {first}-{end - 1}, {end - first} bytes)";
            boxes.Add((FrameNames.Layer(r.LayerAt(l)) + " header" + bytes, rows));
        }
        if (r.PayloadLength > 0 || payloadLines.Count > 0)
        {
            var rows = payloadLines.Take(MaxPayloadLines).Select(p => Cut(p, MaxPayloadLine)).ToList();
            if (payloadLines.Count > MaxPayloadLines) rows.Add($"... and {payloadLines.Count - MaxPayloadLines} more line(s)");
            if (rows.Count == 0) rows.Add($"{r.PayloadLength} bytes");
            int start = r.PayloadOffset - r.FrameOffset;
            boxes.Add(($"{(payloadName is null ? "Payload" : payloadName + " payload")} (bytes {start}-{start + r.PayloadLength - 1}, {r.PayloadLength} bytes)", rows));
        }
        if (r.HasError) boxes.Add(("Decoding stopped", [r.Error.ToString()]));

        // Heights from the inside out: a box holds its title, its rows (two columns for headers) and the next box.
        var heights = new int[boxes.Count];
        for (int i = boxes.Count - 1; i >= 0; i--)
        {
            bool payload = i >= r.LayerCount;
            int rows = payload ? boxes[i].rows.Count : (boxes[i].rows.Count + 1) / 2;
            heights[i] = Title + rows * Line + Pad + (i + 1 < boxes.Count ? heights[i + 1] + Pad : 0);
        }
        int top = Margin + Title + Pad;
        int height = top + (boxes.Count > 0 ? heights[0] : 0) + Margin;

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {Width} {height}"),
            new XAttribute("font-family", "DejaVu Sans Mono, Consolas, monospace"), new XAttribute("font-size", FontSize),
            new XElement(Svg + "title", heading),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", height), new XAttribute("fill", "white")),
            Text(Margin, Margin + Title - 8, heading, bold: true, size: FontSize + 3));
        int y = top;
        for (int i = 0; i < boxes.Count; i++)
        {
            int x = Margin + i * Indent, w = Width - 2 * x;
            bool payload = i >= r.LayerCount;
            var group = new XElement(Svg + "g", new XAttribute("class", "layer"), new XAttribute("data-layer", !payload ? boxes[i].title.Split(" ")[0] : boxes[i].title.StartsWith("Decoding", StringComparison.Ordinal) ? "Error" : "Payload"),
                new XElement(Svg + "rect",
                    new XAttribute("x", x), new XAttribute("y", y), new XAttribute("width", w), new XAttribute("height", heights[i]),
                    new XAttribute("rx", 8), new XAttribute("fill", Fills[i % Fills.Length]),
                    new XAttribute("stroke", Strokes[i % Strokes.Length]), new XAttribute("stroke-width", 2)),
                Text(x + Pad, y + Title - 8, boxes[i].title, bold: true));
            svg.Add(group);
            int rowY = y + Title;
            var rows = boxes[i].rows;
            int perColumn = payload ? rows.Count : (rows.Count + 1) / 2;
            for (int k = 0; k < rows.Count; k++)
            {
                int column = k / Math.Max(perColumn, 1);
                group.Add(Text(x + Pad + column * (w / 2), rowY + (k % Math.Max(perColumn, 1)) * Line + Line - 6, rows[k]));
            }
            y = rowY + perColumn * Line + Pad;
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg);
    }

    /// <summary>Writes the picture as UTF-8 without a byte order mark.</summary>
    /// <summary>
    /// The picture of one explained frame: <see cref="Render"/> with the lines the frame carried in its
    /// connection (redacted as the dialogue is) in the payload box. <paramref name="conversation"/> holds
    /// the capture up to this frame, with its transcript, finished.
    /// </summary>
    public static XDocument Draw(CaptureRecord record, FrameLayers layers, Dialogue.MailDialogue conversation)
    {
        var lines = new List<string>();
        string? protocol = null;
        foreach (var c in conversation.Connections)
            foreach (var e in c.Entries)
                if (e.Kind != Dialogue.DialogueEntryKind.Anomaly && Array.IndexOf(e.Frames, record.Number) >= 0)
                {
                    lines.Add((e.FromClient ? "C: " : "S: ") + (e.Kind == Dialogue.DialogueEntryKind.Tls ? "TLS: " : "") + e.Text);
                    protocol = c.Protocol == "TCP" ? null : c.Protocol;
                }
        return Render(layers, FrameDebuggerCommand.Heading(record), lines, protocol);
    }

    public static void Save(XDocument picture, string path)
    {
        using var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true });
        picture.Save(writer);
    }

    static XElement Text(int x, int y, string text, bool bold = false, int size = 0)
    {
        var e = new XElement(Svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute(XNamespace.Xml + "space", "preserve"), Clean(text));
        if (bold) e.Add(new XAttribute("font-weight", "bold"));
        if (size > 0) e.Add(new XAttribute("font-size", size.ToString(CultureInfo.InvariantCulture)));
        return e;
    }

    /// <summary>XML 1.0 cannot hold most control characters, escaped or not: they are shown as '.'.</summary>
    static string Clean(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (c < 0x20 && c != '\t' || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') chars[i] = '.';
        }
        return new string(chars);
    }

    static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
