using System.Text;
using Gateway.Core.Frames;
using Gateway.FrameDebugger.Capture;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// `framedbg --dialogue`: every TCP connection of a capture reassembled, and for mail ports (SMTP,
/// POP3, IMAP) the conversation as client and server lines with the frames that carried them.
/// After STARTTLS/STLS is agreed, and on implicit-TLS ports, the bytes are shown as TLS records.
/// Credentials (AUTH PLAIN/LOGIN/XOAUTH2 responses, PASS, APOP digests) are redacted unless
/// <see cref="ShowSecrets"/> is set.
/// </summary>
public sealed class MailDialogue
{
    public bool ShowSecrets { get; init; }

    static readonly int[] SmtpPorts = [25, 465, 587, 2465, 2525, 2587];
    static readonly int[] Pop3Ports = [110, 995, 1110, 1995];
    static readonly int[] ImapPorts = [143, 993];
    static readonly int[] ImplicitTlsPorts = [465, 995, 993, 2465, 1995];

    sealed class Side
    {
        public readonly TcpStream Stream = new();
        public readonly List<byte> Line = [];
        public readonly List<int> LineFrames = [];
    }

    sealed class Connection(string client, string server, int serverPort, int firstFrame)
    {
        public string Client = client, Server = server;
        public int ServerPort = serverPort, FirstFrame = firstFrame;
        public readonly Side FromClient = new(), FromServer = new();
        public readonly List<(int frame, string text)> Lines = [];
        public int LastCommandFrame, LastReplyFrame;
        public bool Tls;             // bytes are TLS records from here on
        public bool TlsRequested;    // STARTTLS/STLS sent, waiting for the server's yes
        public bool SecretFollows;   // the next client line answers an AUTH challenge
        public bool Reset, ZeroWindow;
        public string? OpenCommand;  // the last client command not yet answered
        public string Protocol => SmtpPorts.Contains(ServerPort) ? "SMTP" : Pop3Ports.Contains(ServerPort) ? "POP3" : ImapPorts.Contains(ServerPort) ? "IMAP" : "TCP";
    }

    readonly Dictionary<string, Connection> _connections = new();
    int _deliveryFrame = -1; // the frame being read (bytes that filled a gap show there); -1 at the end: their own frame
    readonly List<Connection> _order = [];

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
            c = fromClient ? new Connection(a, b, tcp.DestinationPort, frame) : new Connection(b, a, tcp.SourcePort, frame);
            c.Tls = ImplicitTlsPorts.Contains(c.ServerPort);
            _connections[key] = c;
            _order.Add(c);
        }
        bool clientSide = a == c.Client;
        if (tcp.Rst) c.Reset = true;
        if (tcp.Window == 0 && !tcp.Rst && !tcp.Syn) c.ZeroWindow = true;
        var payload = layers.PayloadLength > 0 ? layers.Frame!.AsSpan(layers.PayloadOffset, layers.PayloadLength).ToArray() : [];
        var side = clientSide ? c.FromClient : c.FromServer;
        _deliveryFrame = frame;
        side.Stream.Add(tcp.SequenceNumber, tcp.Syn, payload, frame, (data, f) => Deliver(c, clientSide, data, f));
    }

    int SortFrame(int carried) => _deliveryFrame > carried ? _deliveryFrame : carried;

    static bool IsMailPort(int port) => SmtpPorts.Contains(port) || Pop3Ports.Contains(port) || ImapPorts.Contains(port);

    void Deliver(Connection c, bool fromClient, byte[] data, int frame)
    {
        if (c.Tls)
        {
            c.Lines.Add((SortFrame(frame), $"#{frame} {(fromClient ? "C" : "S")}: {TlsRecords.Describe(data)}"));
            return;
        }
        var side = fromClient ? c.FromClient : c.FromServer;
        for (int i = 0; i < data.Length; i++)
        {
            side.Line.Add(data[i]);
            if (side.LineFrames.Count == 0 || side.LineFrames[^1] != frame) side.LineFrames.Add(frame);
            if (data[i] != (byte)'\n' && side.Line.Count < 4096) continue;
            var text = Encoding.UTF8.GetString(side.Line.ToArray()).TrimEnd('\r', '\n');
            Line(c, fromClient, text, side.LineFrames);
            side.Line.Clear();
            side.LineFrames.Clear();
            if (c.Tls && i + 1 < data.Length)
            {
                // The rest of this segment is already the TLS handshake.
                Deliver(c, fromClient, data[(i + 1)..], frame);
                return;
            }
        }
    }

    void Line(Connection c, bool fromClient, string text, List<int> frames)
    {
        string shown = fromClient ? ClientLine(c, text) : ServerLine(c, text);
        string where = frames.Count == 1 ? "#" + frames[0] : "#" + string.Join(",", frames);
        c.Lines.Add((SortFrame(frames[^1]), $"{where} {(fromClient ? "C" : "S")}: {shown}"));
        if (fromClient && text.Length > 0) c.LastCommandFrame = Math.Max(c.LastCommandFrame, frames[^1]);
        if (!fromClient) c.LastReplyFrame = Math.Max(c.LastReplyFrame, frames[^1]);
    }

    string ClientLine(Connection c, string text)
    {
        string upper = text.ToUpperInvariant();
        c.OpenCommand = text.Length == 0 ? c.OpenCommand : Redact(c, text, upper);
        if (upper == "STARTTLS" || upper == "STLS" || upper.EndsWith(" STARTTLS", StringComparison.Ordinal)) c.TlsRequested = true;
        return c.OpenCommand ?? "";
    }

    string Redact(Connection c, string text, string upper)
    {
        if (c.SecretFollows)
        {
            c.SecretFollows = false;
            return ShowSecrets ? text : "******** (redacted; --show-secrets shows it)";
        }
        if (upper.StartsWith("AUTH ", StringComparison.Ordinal) || upper.StartsWith("AUTHENTICATE ", StringComparison.Ordinal) || upper.Contains(" AUTHENTICATE ", StringComparison.Ordinal))
        {
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int mech = upper.StartsWith("AUTH ", StringComparison.Ordinal) ? 1 : Array.FindIndex(parts, p => p.Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase)) + 1;
            if (ShowSecrets || parts.Length <= mech + 1) return text;
            return string.Join(' ', parts[..(mech + 1)]) + " ********";
        }
        if (upper.StartsWith("PASS ", StringComparison.Ordinal))
            return ShowSecrets ? text : "PASS ********";
        if (upper.StartsWith("APOP ", StringComparison.Ordinal))
        {
            var parts = text.Split(' ', 3);
            return ShowSecrets || parts.Length < 3 ? text : parts[0] + " " + parts[1] + " ********";
        }
        if (upper.Contains(" LOGIN ", StringComparison.Ordinal) && c.Protocol == "IMAP")
        {
            var parts = text.Split(' ', 4);
            return ShowSecrets || parts.Length < 4 ? text : string.Join(' ', parts[..3]) + " ********";
        }
        return text;
    }

    string ServerLine(Connection c, string text)
    {
        // A challenge ("334 ..." in SMTP, "+ ..." in POP3 and IMAP) means the next client line is a secret.
        if (text.StartsWith("334", StringComparison.Ordinal) || text == "+" || text.StartsWith("+ ", StringComparison.Ordinal))
            c.SecretFollows = true;
        bool final = text.Length < 4 || text[3] != '-';
        if (final) c.OpenCommand = null;
        if (c.TlsRequested && final)
        {
            c.TlsRequested = false;
            if (text.StartsWith("220", StringComparison.Ordinal) || text.StartsWith("+OK", StringComparison.Ordinal) || text.Contains(" OK", StringComparison.Ordinal))
                c.Tls = true; // from here on both directions are TLS records
        }
        return text;
    }

    /// <summary>Writes every connection's dialogue, with the anomalies found.</summary>
    public void Write(TextWriter output)
    {
        foreach (var c in _order)
        {
            Flush(c);
            output.WriteLine($"{c.Protocol} {c.Client} -> {c.Server} (from frame #{c.FirstFrame})");
            // In capture order: a segment delivered late (after a gap) still shows where it travelled.
            foreach (var line in c.Lines.OrderBy(l => l.frame)) output.WriteLine("  " + line.text);
            var notes = new List<string>();
            int retrans = c.FromClient.Stream.Retransmissions + c.FromServer.Stream.Retransmissions;
            int ooo = c.FromClient.Stream.OutOfOrder + c.FromServer.Stream.OutOfOrder;
            int lost = c.FromClient.Stream.LostBytes + c.FromServer.Stream.LostBytes;
            if (retrans > 0) notes.Add($"{retrans} retransmitted segment(s)");
            if (ooo > 0) notes.Add($"{ooo} out-of-order segment(s)");
            if (lost > 0) notes.Add($"{lost} byte(s) never captured");
            if (c.Reset) notes.Add("reset (RST)");
            if (c.ZeroWindow) notes.Add("zero window");
            if (c.OpenCommand != null && !c.Tls && c.LastCommandFrame > c.LastReplyFrame) notes.Add($"stops mid-command: \"{c.OpenCommand}\" got no reply");
            if (notes.Count > 0) output.WriteLine("  ! " + string.Join("; ", notes));
            output.WriteLine();
        }
    }

    /// <summary>A last line without its line end (a cut connection) is shown too.</summary>
    void Flush(Connection c)
    {
        _deliveryFrame = -1;
        c.FromClient.Stream.Finish((data, f) => Deliver(c, true, data, f));
        c.FromServer.Stream.Finish((data, f) => Deliver(c, false, data, f));
        foreach (var (side, fromClient) in new[] { (c.FromClient, true), (c.FromServer, false) })
        {
            if (side.Line.Count == 0 || c.Tls) continue;
            Line(c, fromClient, Encoding.UTF8.GetString(side.Line.ToArray()) + " (no line end)", side.LineFrames);
            side.Line.Clear();
            side.LineFrames.Clear();
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
        return dialogue;
    }
}
