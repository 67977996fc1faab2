using System.Text;
using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// `framedbg --dialogue`: every TCP connection of a capture reassembled, and for mail ports (SMTP,
/// POP3, IMAP) the conversation as client and server lines with the frames that carried them.
/// After STARTTLS/STLS is agreed, and on implicit-TLS ports, the bytes are shown as TLS records.
/// Credentials (AUTH PLAIN/LOGIN/XOAUTH2 responses, PASS, APOP digests) are redacted unless
/// <see cref="ShowSecrets"/> is set. RST, zero windows, retransmitted, overlapping and out-of-order
/// segments are marked at their frame; lost bytes and a command left without a reply per connection.
/// </summary>
public sealed class MailDialogue
{
    public bool ShowSecrets { get; init; }

    /// <summary>
    /// Keep every connection's lines and bytes (the dialogue and explain views). The one-line view only
    /// takes what each frame carried (<see cref="TakeFresh"/>), so a long live capture does not grow.
    /// </summary>
    public bool KeepTranscript { get; init; } = true;

    static readonly int[] SmtpPorts = [25, 465, 587, 2465, 2525, 2587];
    static readonly int[] Pop3Ports = [110, 995, 1110, 1995];
    static readonly int[] ImapPorts = [143, 993];
    static readonly int[] ImplicitTlsPorts = [465, 995, 993, 2465, 1995];

    /// <summary>A line longer than this is shown in pieces (a binary stream is not one huge line).</summary>
    const int MaxLine = 4096;

    readonly Dictionary<string, DialogueConnection> _connections = new();
    readonly List<DialogueConnection> _order = [];
    int _deliveryFrame = -1; // the frame being read (bytes that filled a gap show there); -1 at the end: their own frame

    readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    readonly List<CarriedEntry> _fresh = [];

    /// <summary>The lines, TLS records and anomalies made by the frames fed since the last call, in the order made.</summary>
    public List<CarriedEntry> TakeFresh()
    {
        var fresh = new List<CarriedEntry>(_fresh);
        _fresh.Clear();
        return fresh;
    }

    void Record(DialogueConnection c, DialogueEntry entry)
    {
        if (KeepTranscript) c._entries.Add(entry);
        _fresh.Add(new CarriedEntry(c.Protocol, entry));
    }

    /// <summary>
    /// Every credential the redaction hid (also with <see cref="ShowSecrets"/>), so that views showing raw
    /// bytes (the hex dump of --explain, --svg) can mask them too.
    /// </summary>
    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>The connections in the order their first frame was seen.</summary>
    public IReadOnlyList<DialogueConnection> Connections => _order;

    /// <summary>Feeds one decoded frame.</summary>
    public void Add(int frame, FrameLayers layers)
    {
        if (!layers.Has(FrameLayer.Tcp)) return;
        string src, dst;
        if (layers.Has(FrameLayer.Ipv4)) { src = layers.Ipv4.SourceText; dst = layers.Ipv4.DestinationText; }
        else if (layers.Has(FrameLayer.Ipv6)) { src = "[" + layers.Ipv6.SourceText + "]"; dst = "[" + layers.Ipv6.DestinationText + "]"; }
        else return;
        var tcp = layers.Tcp;
        string a = src + ":" + tcp.SourcePort, b = dst + ":" + tcp.DestinationPort;
        string key = string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
        if (!_connections.TryGetValue(key, out var c))
        {
            // The client is who sent the SYN without ACK; otherwise, the side not on a well-known mail port.
            bool fromClient = (tcp.Syn && !tcp.Ack) || IsMailPort(tcp.DestinationPort) && !IsMailPort(tcp.SourcePort);
            c = fromClient ? New(a, b, tcp.DestinationPort, frame) : New(b, a, tcp.SourcePort, frame);
            _connections[key] = c;
            _order.Add(c);
        }
        bool clientSide = a == c.Client;
        if (tcp.Rst)
        {
            c.Resets.Add(frame);
            Mark(c, frame, clientSide, DialogueAnomaly.Reset, "connection reset (RST) by the " + (clientSide ? "client" : "server"));
        }
        if (tcp.Window == 0 && !tcp.Rst && !tcp.Syn)
        {
            c.ZeroWindows.Add(frame);
            Mark(c, frame, clientSide, DialogueAnomaly.ZeroWindow, "zero window: the " + (clientSide ? "client" : "server") + " can take no more data");
        }
        var payload = layers.PayloadLength > 0 ? layers.Frame!.AsSpan(layers.PayloadOffset, layers.PayloadLength).ToArray() : [];
        var side = clientSide ? c.FromClient : c.FromServer;
        _deliveryFrame = frame;
        var arrival = side.Stream.Add(tcp.SequenceNumber, tcp.Syn, payload, frame, (data, f) => Deliver(c, clientSide, data, f));
        string who = clientSide ? "client" : "server";
        switch (arrival)
        {
            case SegmentArrival.Retransmitted:
                c.Retransmitted.Add(frame);
                Mark(c, frame, clientSide, DialogueAnomaly.Retransmission, $"retransmission: {payload.Length} byte(s) from the {who} seen before");
                break;
            case SegmentArrival.Overlapping:
                c.Overlapping.Add(frame);
                Mark(c, frame, clientSide, DialogueAnomaly.Overlap, $"overlap: the {who}'s segment repeats bytes seen before, then carries new ones");
                break;
            case SegmentArrival.OutOfOrder:
                c.OutOfOrder.Add(frame);
                Mark(c, frame, clientSide, DialogueAnomaly.OutOfOrder, $"out of order: {payload.Length} byte(s) from the {who} ahead of a gap, held until it is filled");
                break;
        }
    }

    static DialogueConnection New(string client, string server, int serverPort, int frame)
    {
        string protocol = SmtpPorts.Contains(serverPort) ? "SMTP" : Pop3Ports.Contains(serverPort) ? "POP3" : ImapPorts.Contains(serverPort) ? "IMAP" : "TCP";
        return new DialogueConnection(client, server, serverPort, frame, protocol) { Tls = ImplicitTlsPorts.Contains(serverPort) };
    }

    void Mark(DialogueConnection c, int frame, bool fromClient, string kind, string text) =>
        Record(c, new DialogueEntry([frame], fromClient, DialogueEntryKind.Anomaly, text, kind) { SortFrame = frame });

    int SortFrame(int carried) => _deliveryFrame > carried ? _deliveryFrame : carried;

    static bool IsMailPort(int port) => SmtpPorts.Contains(port) || Pop3Ports.Contains(port) || ImapPorts.Contains(port);

    void Deliver(DialogueConnection c, bool fromClient, byte[] data, int frame)
    {
        if (KeepTranscript) (fromClient ? c._clientBytes : c._serverBytes).Write(data);
        Show(c, fromClient, data, frame);
    }

    void Show(DialogueConnection c, bool fromClient, byte[] data, int frame)
    {
        if (c.Tls)
        {
            Record(c, new DialogueEntry([frame], fromClient, DialogueEntryKind.Tls, TlsRecords.Describe(data)) { SortFrame = SortFrame(frame) });
            return;
        }
        var side = fromClient ? c.FromClient : c.FromServer;
        for (int i = 0; i < data.Length; i++)
        {
            side.Line.Add(data[i]);
            if (side.LineFrames.Count == 0 || side.LineFrames[^1] != frame) side.LineFrames.Add(frame);
            if (data[i] != (byte)'\n' && side.Line.Count < MaxLine) continue;
            var text = Encoding.UTF8.GetString(side.Line.ToArray()).TrimEnd('\r', '\n');
            Line(c, fromClient, text, side.LineFrames);
            side.Line.Clear();
            side.LineFrames.Clear();
            if (c.Tls && i + 1 < data.Length)
            {
                // The rest of this segment is already the TLS handshake.
                Show(c, fromClient, data[(i + 1)..], frame);
                return;
            }
        }
    }

    void Line(DialogueConnection c, bool fromClient, string text, List<int> frames)
    {
        string shown = fromClient ? ClientLine(c, text) : ServerLine(c, text);
        Record(c, new DialogueEntry(frames.ToArray(), fromClient, DialogueEntryKind.Line, shown) { SortFrame = SortFrame(frames[^1]) });
        if (fromClient) c.LastCommandFrame = Math.Max(c.LastCommandFrame, frames[^1]);
        else c.LastReplyFrame = Math.Max(c.LastReplyFrame, frames[^1]);
    }

    string ClientLine(DialogueConnection c, string text)
    {
        if (c.InMessage)
        {
            // RFC 5321 4.1.1.4: the message runs to a line holding only "."; its lines are not commands.
            if (text == ".")
            {
                c.InMessage = false;
                c.OpenCommand = $"DATA (end of the message, {c.MessageLines} line(s))";
            }
            else
            {
                c.MessageLines++;
                c.OpenCommand = $"DATA (message of {c.MessageLines} line(s) so far, not ended with \".\")";
            }
            return text;
        }
        string upper = text.ToUpperInvariant();
        string shown = Redact(c, text, upper);
        if (text.Length > 0) c.OpenCommand = shown;
        if (upper == "STARTTLS" || upper == "STLS" || upper.EndsWith(" STARTTLS", StringComparison.Ordinal)) c.TlsRequested = true;
        if (c.Protocol == "SMTP" && upper == "DATA") c.DataRequested = true;
        return shown;
    }

    string Redact(DialogueConnection c, string text, string upper)
    {
        if (c.SecretFollows)
        {
            c.SecretFollows = false;
            Secret(text);
            return ShowSecrets ? text : "******** (redacted; --show-secrets shows it)";
        }
        if (upper.StartsWith("AUTH ", StringComparison.Ordinal) || upper.StartsWith("AUTHENTICATE ", StringComparison.Ordinal) || upper.Contains(" AUTHENTICATE ", StringComparison.Ordinal))
        {
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int mech = upper.StartsWith("AUTH ", StringComparison.Ordinal) ? 1 : Array.FindIndex(parts, p => p.Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase)) + 1;
            if (parts.Length <= mech + 1) return text;
            foreach (var p in parts[(mech + 1)..]) Secret(p);
            return ShowSecrets ? text : string.Join(' ', parts[..(mech + 1)]) + " ********";
        }
        if (upper.StartsWith("PASS ", StringComparison.Ordinal))
        {
            Secret(text[5..]);
            return ShowSecrets ? text : "PASS ********";
        }
        if (upper.StartsWith("APOP ", StringComparison.Ordinal))
        {
            var parts = text.Split(' ', 3);
            if (parts.Length < 3) return text;
            Secret(parts[2]);
            return ShowSecrets ? text : parts[0] + " " + parts[1] + " ********";
        }
        if (upper.Contains(" LOGIN ", StringComparison.Ordinal) && c.Protocol == "IMAP")
        {
            var parts = text.Split(' ', 4);
            if (parts.Length < 4) return text;
            Secret(parts[3]);
            return ShowSecrets ? text : string.Join(' ', parts[..3]) + " ********";
        }
        return text;
    }

    void Secret(string text)
    {
        if (text.Trim().Length > 0) _secrets.Add(text.Trim());
    }

    static string ServerLine(DialogueConnection c, string text)
    {
        // A challenge ("334 ..." in SMTP, "+ ..." in POP3 and IMAP) means the next client line is a secret.
        if (text.StartsWith("334", StringComparison.Ordinal) || text == "+" || text.StartsWith("+ ", StringComparison.Ordinal))
            c.SecretFollows = true;
        bool final = text.Length < 4 || text[3] != '-';
        if (final) c.OpenCommand = null;
        if (c.DataRequested && final)
        {
            c.DataRequested = false;
            c.InMessage = text.StartsWith("354", StringComparison.Ordinal);
            c.MessageLines = 0;
        }
        if (c.TlsRequested && final)
        {
            c.TlsRequested = false;
            if (text.StartsWith("220", StringComparison.Ordinal) || text.StartsWith("+OK", StringComparison.Ordinal) || text.Contains(" OK", StringComparison.Ordinal))
                c.Tls = true; // from here on both directions are TLS records
        }
        return text;
    }

    /// <summary>
    /// At the end of the capture: bytes held behind gaps are delivered, a last line without its line end
    /// (a cut connection) is shown, and each connection's anomalies are summed up. Idempotent.
    /// </summary>
    public void Finish()
    {
        _deliveryFrame = -1;
        foreach (var c in _order)
        {
            if (c.Finished) continue;
            c.Finished = true;
            c.FromClient.Stream.Finish((data, f) => Deliver(c, true, data, f));
            c.FromServer.Stream.Finish((data, f) => Deliver(c, false, data, f));
            foreach (var (side, fromClient) in new[] { (c.FromClient, true), (c.FromServer, false) })
            {
                if (side.Line.Count == 0 || c.Tls) continue;
                var text = Encoding.UTF8.GetString(side.Line.ToArray());
                string shown = fromClient ? ClientLine(c, text) : ServerLine(c, text);
                Record(c, new DialogueEntry(side.LineFrames.ToArray(), fromClient, DialogueEntryKind.Line, shown + " (no line end)") { SortFrame = side.LineFrames[^1] });
                if (fromClient) c.LastCommandFrame = Math.Max(c.LastCommandFrame, side.LineFrames[^1]);
                else c.LastReplyFrame = Math.Max(c.LastReplyFrame, side.LineFrames[^1]);
                side.Line.Clear();
                side.LineFrames.Clear();
            }
            // In capture order: a segment delivered late (after a gap) still shows where it travelled. The sort is stable.
            var sorted = c._entries.OrderBy(e => e.SortFrame).ToList();
            c._entries.Clear();
            c._entries.AddRange(sorted);
            Summarise(c);
        }
    }

    static void Summarise(DialogueConnection c)
    {
        void Add(string kind, List<int> frames, string text)
        {
            if (frames.Count > 0) c._anomalies.Add(new DialogueAnomaly(kind, text, frames.ToArray()));
        }
        Add(DialogueAnomaly.Retransmission, c.Retransmitted, $"{c.Retransmitted.Count} retransmitted segment(s)");
        Add(DialogueAnomaly.Overlap, c.Overlapping, $"{c.Overlapping.Count} overlapping segment(s)");
        Add(DialogueAnomaly.OutOfOrder, c.OutOfOrder, $"{c.OutOfOrder.Count} out-of-order segment(s)");
        int lost = c.FromClient.Stream.LostBytes + c.FromServer.Stream.LostBytes;
        if (lost > 0) c._anomalies.Add(new DialogueAnomaly(DialogueAnomaly.LostBytes, $"{lost} byte(s) never captured", []));
        Add(DialogueAnomaly.Reset, c.Resets, "reset (RST)");
        Add(DialogueAnomaly.ZeroWindow, c.ZeroWindows, "zero window");
        // Under TLS the commands cannot be read, so whether one was answered is unknown.
        if (c.OpenCommand != null && !c.Tls && c.LastCommandFrame > c.LastReplyFrame)
            c._anomalies.Add(new DialogueAnomaly(DialogueAnomaly.StopsMidCommand,
                $"stops mid-command: \"{c.OpenCommand}\" got no reply", [c.LastCommandFrame]));
    }

    /// <summary>Writes every connection's dialogue, with the anomalies found.</summary>
    public void Write(TextWriter output)
    {
        Finish();
        foreach (var c in _order)
        {
            output.WriteLine($"{c.Protocol} {c.Client} -> {c.Server} (from frame #{c.FirstFrame})");
            foreach (var e in c.Entries)
            {
                string where = "#" + string.Join(",", e.Frames);
                string who = e.FromClient ? "C" : "S";
                output.WriteLine(e.Kind switch
                {
                    DialogueEntryKind.Anomaly => $"  {where} ! {e.Text}",
                    DialogueEntryKind.Tls => $"  {where} {who}: TLS: {e.Text}",
                    _ => $"  {where} {who}: {e.Text}",
                });
            }
            if (c.Anomalies.Count > 0) output.WriteLine("  ! " + string.Join("; ", c.Anomalies.Select(a => a.Text)));
            output.WriteLine();
        }
    }

    /// <summary>Reads a whole capture into dialogues.</summary>
    public static MailDialogue Read(CaptureReader reader, bool showSecrets)
    {
        var dialogue = new MailDialogue { ShowSecrets = showSecrets };
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        while (reader.TryRead(record))
        {
            var link = (LinkType)record.LinkType;
            if (!FrameDecoder.IsSupported(link)) continue;
            FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
            dialogue.Add(record.Number, layers);
        }
        dialogue.Finish();
        return dialogue;
    }
}
