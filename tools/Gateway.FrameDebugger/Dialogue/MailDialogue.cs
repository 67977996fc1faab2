using System.Text;
using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// `framedbg --dialogue`: every TCP connection of a capture reassembled, its protocol named from what
/// it says (<see cref="ProtocolGuess"/>), and the conversation as client and server lines with the
/// frames that carried them. After STARTTLS/STLS is agreed, and when a connection starts with a TLS
/// record, the bytes are shown as TLS records. Credentials are redacted by <see cref="CredentialRule"/>
/// on every connection, recognised or not, unless <see cref="ShowSecrets"/> is set. RST, zero windows, retransmitted, overlapping and out-of-order
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
    /// Every credential the redaction hid (also with <see cref="ShowSecrets"/>): <see cref="Masked"/> also
    /// masks them where they appear again (a retransmission, an echo).
    /// </summary>
    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>
    /// A copy of a frame's bytes for the views that show them raw (--explain's hex and text columns, its JSON):
    /// every byte the redaction found to be a credential is '*', found by the TCP sequence numbers of its
    /// connection, so a secret split across frames or sent again is masked in each.
    /// </summary>
    public byte[] Masked(byte[] data, int length, FrameLayers layers)
    {
        var copy = data.AsSpan(0, length).ToArray();
        int start = layers.PayloadOffset - layers.FrameOffset;
        if (layers.PayloadLength <= 0 || start < 0 || start + layers.PayloadLength > copy.Length) return copy;
        var payload = copy.AsSpan(start, layers.PayloadLength);
        if (Endpoints(layers, out string a, out string b) && _connections.TryGetValue(Key(a, b), out var c) && a == c.Client)
        {
            uint seq = layers.Tcp.SequenceNumber + (layers.Tcp.Syn ? 1u : 0u);
            SecretMask.MaskRanges(payload, seq, c.ClientSecretBytes);
        }
        SecretMask.MaskStrings(payload, _secrets);
        return copy;
    }

    static bool Endpoints(FrameLayers layers, out string a, out string b)
    {
        a = b = "";
        if (!layers.Has(FrameLayer.Tcp)) return false;
        string src, dst;
        if (layers.Has(FrameLayer.Ipv4)) { src = layers.Ipv4.SourceText; dst = layers.Ipv4.DestinationText; }
        else if (layers.Has(FrameLayer.Ipv6)) { src = "[" + layers.Ipv6.SourceText + "]"; dst = "[" + layers.Ipv6.DestinationText + "]"; }
        else return false;
        a = src + ":" + layers.Tcp.SourcePort;
        b = dst + ":" + layers.Tcp.DestinationPort;
        return true;
    }

    static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;

    /// <summary>The connections in the order their first frame was seen.</summary>
    public IReadOnlyList<DialogueConnection> Connections => _order;

    /// <summary>Feeds one decoded frame.</summary>
    public void Add(int frame, FrameLayers layers)
    {
        if (!Endpoints(layers, out string a, out string b)) return;
        var tcp = layers.Tcp;
        string key = Key(a, b);
        if (!_connections.TryGetValue(key, out var c))
        {
            // The client is who sent the SYN without ACK; otherwise, the side on a well-known mail port is the
            // server, and failing that the side on the lower port (clients take ephemeral ports).
            bool fromClient = tcp.Syn ? !tcp.Ack
                : ProtocolGuess.IsWellKnown(tcp.DestinationPort) != ProtocolGuess.IsWellKnown(tcp.SourcePort) ? ProtocolGuess.IsWellKnown(tcp.DestinationPort)
                : tcp.DestinationPort < tcp.SourcePort;
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
        var arrival = side.Stream.Add(tcp.SequenceNumber, tcp.Syn, payload, frame, (seq, data, f) => Deliver(c, clientSide, seq, data, f));
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

    static DialogueConnection New(string client, string server, int serverPort, int frame) =>
        new(client, server, serverPort, frame, new ProtocolGuess(serverPort));

    void Mark(DialogueConnection c, int frame, bool fromClient, string kind, string text) =>
        Record(c, new DialogueEntry([frame], fromClient, DialogueEntryKind.Anomaly, text, kind) { SortFrame = frame });

    int SortFrame(int carried) => _deliveryFrame > carried ? _deliveryFrame : carried;

    void Deliver(DialogueConnection c, bool fromClient, uint seq, byte[] data, int frame)
    {
        if (KeepTranscript) (fromClient ? c._clientBytes : c._serverBytes).Write(data);
        if (!c.SawData)
        {
            c.SawData = true;
            if (ProtocolGuess.IsTlsRecord(data))
            {
                c.Guess.TlsFirst(data);
                c.Tls = true;
            }
        }
        Show(c, fromClient, seq, data, frame);
    }

    void Show(DialogueConnection c, bool fromClient, uint seq, byte[] data, int frame)
    {
        if (c.Tls)
        {
            Record(c, new DialogueEntry([frame], fromClient, DialogueEntryKind.Tls, TlsRecords.Describe(data)) { SortFrame = SortFrame(frame) });
            return;
        }
        var side = fromClient ? c.FromClient : c.FromServer;
        for (int i = 0; i < data.Length; i++)
        {
            // An IMAP literal's bytes are data up to its length, line ends included.
            bool literal = fromClient && side.Line.Count < c.Credentials.LiteralLeft;
            side.Line.Add(data[i]);
            side.LineSeqs.Add(seq + (uint)i);
            if (side.LineFrames.Count == 0 || side.LineFrames[^1] != frame) side.LineFrames.Add(frame);
            bool lineEnd = !literal && data[i] == (byte)'\n';
            if (!lineEnd && side.Line.Count < MaxLine) continue;
            Line(c, fromClient, side, ended: true, trim: lineEnd);
            if (c.Tls && i + 1 < data.Length)
            {
                // The rest of this segment is already the TLS handshake.
                Show(c, fromClient, seq + (uint)i + 1, data[(i + 1)..], frame);
                return;
            }
        }
    }

    /// <summary>
    /// Shows the line collected on one side (<paramref name="ended"/>: complete, else cut by the capture's end)
    /// and starts the next; <paramref name="trim"/>: it ends with a line end to leave out (not a literal's bytes).
    /// </summary>
    void Line(DialogueConnection c, bool fromClient, DialogueConnection.Side side, bool ended, bool trim)
    {
        var bytes = side.Line.ToArray();
        int length = bytes.Length;
        if (trim && length > 0 && bytes[length - 1] == (byte)'\n') length--;
        if (trim && length > 0 && bytes[length - 1] == (byte)'\r') length--;
        var content = bytes[..length];
        string shown = fromClient ? ClientLine(c, content, side.LineSeqs) : ServerLine(c, Encoding.UTF8.GetString(content));
        var frames = side.LineFrames;
        int last = frames[^1];
        Record(c, new DialogueEntry(frames.ToArray(), fromClient, DialogueEntryKind.Line, ended ? shown : shown + " (no line end)") { SortFrame = ended ? SortFrame(last) : last });
        if (fromClient) c.LastCommandFrame = Math.Max(c.LastCommandFrame, last);
        else c.LastReplyFrame = Math.Max(c.LastReplyFrame, last);
        side.Line.Clear();
        side.LineSeqs.Clear();
        side.LineFrames.Clear();
    }

    string ClientLine(DialogueConnection c, byte[] content, List<uint> seqs)
    {
        string text = Encoding.UTF8.GetString(content);
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
        c.Guess.ClientLine(text);
        string shown = Redact(c, content, seqs);
        if (text.Length > 0) c.OpenCommand = shown;
        if (upper == "STARTTLS" || upper == "STLS" || upper.EndsWith(" STARTTLS", StringComparison.Ordinal)) c.TlsRequested = true;
        if (c.Protocol == "SMTP" && upper == "DATA") c.DataRequested = true;
        return shown;
    }

    /// <summary>The line as shown: its credentials (by <see cref="CredentialRule"/>) masked, and remembered by sequence number and text for the raw views.</summary>
    string Redact(DialogueConnection c, byte[] content, List<uint> seqs)
    {
        var secret = c.Credentials.ClientLine(content);
        // Only the views that keep a transcript show raw bytes: the one-line view of a long live capture keeps none.
        if (KeepTranscript)
            foreach (var (start, length) in secret)
            {
                c.ClientSecretBytes.Add((seqs[start], length));
                var text = Encoding.UTF8.GetString(content, start, length).Trim();
                if (text.Length >= SecretMask.MinPart) _secrets.Add(text);
            }
        return ShowSecrets ? Encoding.UTF8.GetString(content) : CredentialRule.Redact(content, secret);
    }

    static string ServerLine(DialogueConnection c, string text)
    {
        c.Credentials.ServerLine(text);
        c.Guess.ServerLine(text);
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
            c.FromClient.Stream.Finish((seq, data, f) => Deliver(c, true, seq, data, f));
            c.FromServer.Stream.Finish((seq, data, f) => Deliver(c, false, seq, data, f));
            foreach (var (side, fromClient) in new[] { (c.FromClient, true), (c.FromServer, false) })
                if (side.Line.Count > 0 && !c.Tls) Line(c, fromClient, side, ended: false, trim: true);
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
            output.WriteLine($"  protocol from: {c.Evidence}");
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
