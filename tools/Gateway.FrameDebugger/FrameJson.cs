using System.Text;
using System.Text.Json;
using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;

namespace Gateway.FrameDebugger;

/// <summary>
/// The views as JSON for scripts: one object per line per frame (JSON Lines), with every field of every
/// header when explaining. Byte offsets count from the frame's first byte; a field's bitOffset from its header's.
/// </summary>
public static class FrameJson
{
    /// <param name="shown">With fields: the bytes for "hex" (credentials masked); null: the record's own.</param>
    /// <param name="carried">What the frame carried in its connection (lines, TLS records, stream anomalies), or null.</param>
    public static string Frame(CaptureRecord record, FrameLayers r, bool withFields, byte[]? shown = null, IReadOnlyList<CarriedEntry>? carried = null)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: the output is read by people and scripts, never embedded in HTML.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("frame", record.Number);
            w.WriteString("time", record.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("interface", record.Interface);
            w.WriteNumber("linkType", record.LinkType);
            w.WriteNumber("length", record.Length);
            w.WriteNumber("originalLength", record.OriginalLength);
            w.WriteStartArray("layers");
            for (int l = 0; l < r.LayerCount; l++)
            {
                w.WriteStartObject();
                w.WriteString("layer", FrameNames.Layer(r.LayerAt(l)));
                w.WriteString("summary", FramePrinter.Describe(r, r.LayerAt(l)));
                if (withFields)
                {
                    w.WriteStartArray("fields");
                    for (int f = 0; f < r.FieldCount(l); f++)
                    {
                        var field = r.GetField(l, f);
                        w.WriteStartObject();
                        w.WriteString("name", field.Info.Name);
                        w.WriteNumber("offset", field.ByteOffset - r.FrameOffset);
                        w.WriteNumber("bitOffset", field.Info.BitOffset);
                        w.WriteNumber("bitLength", field.Info.BitLength);
                        w.WriteString("raw", field.RawHex);
                        w.WriteString("value", field.Value);
                        w.WriteString("meaning", field.Info.Meaning);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("checksums");
            w.WriteString("network", FrameNames.Checksum(r.NetworkChecksum));
            w.WriteString("transport", FrameNames.Checksum(r.TransportChecksum));
            w.WriteEndObject();
            w.WriteStartObject("payload");
            w.WriteNumber("offset", r.PayloadOffset - r.FrameOffset);
            w.WriteNumber("length", r.PayloadLength);
            w.WriteEndObject();
            if (r.HasError)
            {
                w.WriteStartObject("error");
                w.WriteString("layer", FrameNames.Layer(r.Error.Layer));
                w.WriteString("kind", FrameNames.ErrorKind(r.Error.Kind));
                w.WriteNumber("offset", r.Error.Offset);
                w.WriteEndObject();
            }
            w.WriteStartArray("anomalies");
            foreach (var note in FrameSummary.Anomalies(r, record.OriginalLength, carried)) w.WriteStringValue(note);
            w.WriteEndArray();
            if (carried != null)
            {
                w.WriteStartArray("carries");
                foreach (var c in FrameSummary.Said(carried))
                {
                    w.WriteStartObject();
                    w.WriteString("protocol", c.Protocol);
                    w.WriteString("from", c.Entry.FromClient ? "client" : "server");
                    w.WriteString("kind", c.Entry.Kind == DialogueEntryKind.Tls ? "tls" : "line");
                    w.WriteString("text", c.Entry.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (withFields) w.WriteString("hex", Convert.ToHexStringLower(shown ?? record.Data, 0, record.Length));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>At the end of the one-line view: a connection's own trouble (stops mid-command, bytes never captured).</summary>
    public static string Connection(DialogueConnection c, IEnumerable<DialogueAnomaly> anomalies)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("connection");
            w.WriteString("protocol", c.Protocol);
            w.WriteString("evidence", c.Evidence);
            w.WriteString("client", c.Client);
            w.WriteString("server", c.Server);
            w.WriteNumber("firstFrame", c.FirstFrame);
            w.WriteEndObject();
            DialogueJson.WriteAnomalies(w, anomalies);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
