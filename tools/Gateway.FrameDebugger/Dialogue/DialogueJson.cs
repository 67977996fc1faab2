using System.Text;
using System.Text.Json;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// `--dialogue --json`: one object per connection per line (JSON Lines), with its entries in capture
/// order and its anomalies. The text is as redacted as the text view's.
/// </summary>
public static class DialogueJson
{
    public static void Write(MailDialogue dialogue, TextWriter output)
    {
        dialogue.Finish();
        foreach (var c in dialogue.Connections) output.WriteLine(Connection(c));
    }

    public static string Connection(DialogueConnection c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("protocol", c.Protocol);
            w.WriteString("evidence", c.Evidence);
            w.WriteString("client", c.Client);
            w.WriteString("server", c.Server);
            w.WriteNumber("firstFrame", c.FirstFrame);
            w.WriteNumber("clientBytes", c.ClientByteCount);
            w.WriteNumber("serverBytes", c.ServerByteCount);
            w.WriteStartArray("entries");
            foreach (var e in c.Entries)
            {
                w.WriteStartObject();
                w.WriteStartArray("frames");
                foreach (int f in e.Frames) w.WriteNumberValue(f);
                w.WriteEndArray();
                w.WriteString("from", e.FromClient ? "client" : "server");
                w.WriteString("kind", e.Kind switch { DialogueEntryKind.Tls => "tls", DialogueEntryKind.Anomaly => "anomaly", _ => "line" });
                if (e.Anomaly != null) w.WriteString("anomaly", e.Anomaly);
                w.WriteString("text", e.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteAnomalies(w, c.Anomalies);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>"anomalies": [{"kind", "text", "frames"}, ...] (also the one-line view's closing lines).</summary>
    public static void WriteAnomalies(Utf8JsonWriter w, IEnumerable<DialogueAnomaly> anomalies)
    {
        w.WriteStartArray("anomalies");
        foreach (var a in anomalies)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("text", a.Text);
            w.WriteStartArray("frames");
            foreach (int f in a.Frames) w.WriteNumberValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
