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

    /// <summary>
    /// When set, the dialogue streams: a connection is finished, handed here and forgotten once it has
    /// ended (both FINs or an RST, then <see cref="CloseLinger"/> of capture time for the last ACKs) or
    /// been idle for <see cref="IdleLimit"/>, so memory follows the connections open at once, not the
    /// capture. Connections are handed in the order of their first frame within each sweep; the rest at
    /// <see cref="Finish"/>. When null, every connection is kept (<see cref="Connections"/>).
    /// </summary>
    public Action<DialogueConnection>? Ended { get; init; }

    /// <summary>After its close, a connection is kept this long (capture time) for the last ACK or a FIN sent again.</summary>
    public static readonly TimeSpan CloseLinger = TimeSpan.FromSeconds(5);
    /// <summary>A connection silent this long (capture time) is taken as over; more frames later start a new one.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(10);
    /// <summary>How often (capture time) the connections are looked over for ones that ended.</summary>
    static readonly long SweepEveryNs = 1_000_000_000;

    /// <summary>The most connections held at once so far (the bound the streaming views' memory follows).</summary>
    public int MostHeld { get; private set; }

    /// <summary>A line longer than this is shown in pieces (a binary stream is not one huge line).</summary>
    const int MaxLine = 4096;

    readonly Dictionary<(TcpEndpoint, TcpEndpoint), DialogueConnection> _connections = new();
    readonly List<DialogueConnection> _order = [];
    int _deliveryFrame = -1; // the frame being read (bytes that filled a gap show there); -1 at the end: their own frame
    long _nextSweep;

    readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    List<CarriedEntry> _fresh = [], _taken = [];

    /// <summary>
    /// The lines, TLS records and anomalies made by the frames fed since the last call, in the order made.
    /// The list is reused: it holds until the next call (the one-line view reads it at once).
    /// </summary>
    public List<CarriedEntry> TakeFresh()
    {
        (_fresh, _taken) = (_taken, _fresh);
        _fresh.Clear();
        return _taken;
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
        if (TcpEndpoint.FromFrame(layers, out var a, out var b) && _connections.TryGetValue(TcpEndpoint.Ordered(a, b), out var c) && a == c.ClientEnd)
        {
            uint seq = layers.Tcp.SequenceNumber + (layers.Tcp.Syn ? 1u : 0u);
            SecretMask.MaskRanges(payload, seq, c.ClientSecretBytes);
        }
        SecretMask.MaskStrings(payload, _secrets);
        return copy;
    }

    /// <summary>The connections in the order their first frame was seen (with <see cref="Ended"/>: those not yet handed over).</summary>
    public IReadOnlyList<DialogueConnection> Connections => _order;

    /// <summary>Feeds one decoded frame (without its time: nothing is retired by time).</summary>
    public void Add(int frame, FrameLayers layers) => Add(frame, 0, layers);

    /// <summary>Feeds one decoded frame captured at <paramref name="timeNs"/> (nanoseconds, any epoch).</summary>
    public void Add(int frame, long timeNs, FrameLayers layers)
    {
        if (Ended != null && timeNs >= _nextSweep)
        {
            if (_nextSweep != 0) Sweep(timeNs);
            _nextSweep = timeNs + SweepEveryNs;
        }
        if (!TcpEndpoint.FromFrame(layers, out var a, out var b)) return;
        var tcp = layers.Tcp;
        var key = TcpEndpoint.Ordered(a, b);
        if (!_connections.TryGetValue(key, out var c))
        {
            // The client is who sent the SYN without ACK; otherwise, the side on a well-known mail port is the
            // server, and failing that the side on the lower port (clients take ephemeral ports).
            bool fromClient = tcp.Syn ? !tcp.Ack
                : ProtocolGuess.IsWellKnown(tcp.DestinationPort) != ProtocolGuess.IsWellKnown(tcp.SourcePort) ? ProtocolGuess.IsWellKnown(tcp.DestinationPort)
                : tcp.DestinationPort < tcp.SourcePort;
            c = fromClient ? New(a, b, frame) : New(b, a, frame);
            _connections[key] = c;
            _order.Add(c);
            MostHeld = Math.Max(MostHeld, _order.Count);
        }
        bool clientSide = a == c.ClientEnd;
        c.LastSeen = timeNs;
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
        var payload = layers.PayloadLength > 0 ? layers.Frame.AsSpan(layers.PayloadOffset, layers.PayloadLength) : default;
        var side = clientSide ? c.FromClient : c.FromServer;
        _deliveryFrame = frame;
        var arrival = side.Stream.Add(tcp.SequenceNumber, tcp.Syn, payload, frame, side.Deliver);
        if (tcp.Fin) side.Fin = true;
        if (c.ClosedAt == 0 && (tcp.Rst || (c.FromClient.Fin && c.FromServer.Fin))) c.ClosedAt = Math.Max(timeNs, 1);
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

    DialogueConnection New(TcpEndpoint client, TcpEndpoint server, int frame)
    {
        var c = new DialogueConnection(client, server, frame, new ProtocolGuess(server.Port), keepBytes: KeepTranscript && Ended == null);
        c.FromClient.Deliver = (seq, data, f) => Deliver(c, true, seq, data, f);
        c.FromServer.Deliver = (seq, data, f) => Deliver(c, false, seq, data, f);
        return c;
    }

    /// <summary>Hands over and forgets the connections that have ended or gone idle by <paramref name="nowNs"/>.</summary>
    void Sweep(long nowNs)
    {
        long linger = CloseLinger.Ticks * 100, idle = IdleLimit.Ticks * 100;
        int kept = 0, fresh = _fresh.Count; // what finishing makes (a cut line) was carried by no frame of now
        for (int i = 0; i < _order.Count; i++)
        {
            var c = _order[i];
            bool over = (c.ClosedAt != 0 && nowNs - c.ClosedAt > linger) || nowNs - c.LastSeen > idle;
            if (!over)
            {
                _order[kept++] = c;
                continue;
            }
            _connections.Remove(TcpEndpoint.Ordered(c.ClientEnd, c.ServerEnd));
            FinishOne(c);
            Ended!(c);
        }
        _order.RemoveRange(kept, _order.Count - kept);
        _fresh.RemoveRange(fresh, _fresh.Count - fresh);
    }

    void Mark(DialogueConnection c, int frame, bool fromClient, string kind, string text) =>
        Record(c, new DialogueEntry([frame], fromClient, DialogueEntryKind.Anomaly, text, kind) { SortFrame = frame });

    int SortFrame(int carried) => _deliveryFrame > carried ? _deliveryFrame : carried;

    void Deliver(DialogueConnection c, bool fromClient, uint seq, ReadOnlySpan<byte> data, int frame)
    {
        (fromClient ? c.FromClient : c.FromServer).Bytes += data.Length;
        (fromClient ? c._clientBytes : c._serverBytes)?.Write(data);
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

    void Show(DialogueConnection c, bool fromClient, uint seq, ReadOnlySpan<byte> data, int frame)
    {
        if (c.Tls)
        {
            Record(c, new DialogueEntry([frame], fromClient, DialogueEntryKind.Tls, TlsRecords.Describe(data)) { SortFrame = SortFrame(frame) });
            return;
        }
        var side = fromClient ? c.FromClient : c.FromServer;
        int i = 0;
        while (i < data.Length)
        {
            if (side.LineFrames.Count == 0 || side.LineFrames[^1] != frame) side.LineFrames.Add(frame);
            // An IMAP literal's bytes are data up to its length, line ends included: they cannot end the line.
            int literal = fromClient ? Math.Max(0, c.Credentials.LiteralLeft - side.LineCount) : 0;
            int room = MaxLine - side.LineCount;
            int take = Math.Min(data.Length - i, room);
            int end = literal >= take ? -1 : data.Slice(i + literal, take - literal).IndexOf((byte)'\n');
            bool lineEnd = end >= 0;
            if (lineEnd) take = literal + end + 1;
            side.Append(data.Slice(i, take), seq + (uint)i);
            i += take;
            if (!lineEnd && side.LineCount < MaxLine) continue;
            Line(c, fromClient, side, ended: true, trim: lineEnd);
            if (c.Tls && i < data.Length)
            {
                // The rest of this segment is already the TLS handshake.
                Show(c, fromClient, seq + (uint)i, data[i..], frame);
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
        var bytes = side.Line;
        int length = side.LineCount;
        if (trim && length > 0 && bytes[length - 1] == (byte)'\n') length--;
        if (trim && length > 0 && bytes[length - 1] == (byte)'\r') length--;
        string shown = fromClient ? ClientLine(c, bytes.AsSpan(0, length).ToArray(), side) : ServerLine(c, Encoding.UTF8.GetString(bytes, 0, length));
        var frames = side.LineFrames;
        int last = frames[^1];
        // The one-line view reads a line's text, not its frames: it makes no array of them per line.
        int[] carriedBy = KeepTranscript ? frames.ToArray() : [];
        Record(c, new DialogueEntry(carriedBy, fromClient, DialogueEntryKind.Line, ended ? shown : shown + " (no line end)") { SortFrame = ended ? SortFrame(last) : last });
        if (fromClient) c.LastCommandFrame = Math.Max(c.LastCommandFrame, last);
        else c.LastReplyFrame = Math.Max(c.LastReplyFrame, last);
        side.ClearLine();
    }

    string ClientLine(DialogueConnection c, byte[] content, DialogueConnection.Side seqs)
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
        c.Guess.ClientLine(text);
        string shown = Redact(c, content, seqs);
        if (text.Length > 0) c.OpenCommand = shown;
        if (Is(text, "STARTTLS") || Is(text, "STLS") || text.EndsWith(" STARTTLS", StringComparison.OrdinalIgnoreCase)) c.TlsRequested = true;
        if (c.Protocol == "SMTP" && Is(text, "DATA")) c.DataRequested = true;
        return shown;
    }

    static bool Is(string text, string command) => string.Equals(text, command, StringComparison.OrdinalIgnoreCase);

    /// <summary>The line as shown: its credentials (by <see cref="CredentialRule"/>) masked, and remembered by sequence number and text for the raw views.</summary>
    string Redact(DialogueConnection c, byte[] content, DialogueConnection.Side seqs)
    {
        var secret = c.Credentials.ClientLine(content);
        // Only the views that keep a transcript show raw bytes: the one-line view of a long live capture keeps none,
        // and the streaming dialogue none that outlives its connection.
        if (KeepTranscript)
            foreach (var (start, length) in secret)
            {
                c.ClientSecretBytes.Add((seqs.SeqAt(start), length));
                if (Ended != null) continue;
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
        foreach (var c in _order) FinishOne(c);
        if (Ended == null) return;
        // Streaming: what is still open is handed over now, in the order of first frames.
        foreach (var c in _order) Ended(c);
        _order.Clear();
        _connections.Clear();
    }

    void FinishOne(DialogueConnection c)
    {
        if (c.Finished) return;
        _deliveryFrame = -1;
        c.Finished = true;
        c.FromClient.Stream.Finish(c.FromClient.Deliver);
        c.FromServer.Stream.Finish(c.FromServer.Deliver);
        foreach (var (side, fromClient) in new[] { (c.FromClient, true), (c.FromServer, false) })
            if (side.LineCount > 0 && !c.Tls) Line(c, fromClient, side, ended: false, trim: true);
        // In capture order: a segment delivered late (after a gap) still shows where it travelled. The sort is stable.
        var sorted = c._entries.OrderBy(e => e.SortFrame).ToList();
        c._entries.Clear();
        c._entries.AddRange(sorted);
        Summarise(c);
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
        foreach (var c in _order) WriteConnection(c, output);
    }

    /// <summary>One connection's dialogue as text, then a blank line.</summary>
    public static void WriteConnection(DialogueConnection c, TextWriter output)
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

    /// <summary>Reads a whole capture into dialogues, every connection kept (tests, cross-checks).</summary>
    public static MailDialogue Read(CaptureReader reader, bool showSecrets) => Feed(reader, new MailDialogue { ShowSecrets = showSecrets });

    /// <summary>
    /// Reads a capture and hands each connection to <paramref name="ended"/> as it ends (see <see cref="Ended"/>),
    /// the rest at the end: the views write them as they come, so a capture of any length is read in the
    /// memory of the connections open at once.
    /// </summary>
    public static MailDialogue Stream(CaptureReader reader, bool showSecrets, Action<DialogueConnection> ended) =>
        Feed(reader, new MailDialogue { ShowSecrets = showSecrets, Ended = ended });

    static MailDialogue Feed(CaptureReader reader, MailDialogue dialogue)
    {
        var record = new CaptureRecord();
        var layers = new FrameLayers();
        while (reader.TryRead(record))
        {
            var link = (LinkType)record.LinkType;
            if (!FrameDecoder.IsSupported(link)) continue;
            FrameDecoder.Decode(record.Data, 0, record.Length, link, layers);
            dialogue.Add(record.Number, record.TimestampNanoseconds, layers);
            dialogue.TakeFresh(); // what each frame carried is the one-line view's: not kept here
        }
        dialogue.Finish();
        return dialogue;
    }
}
