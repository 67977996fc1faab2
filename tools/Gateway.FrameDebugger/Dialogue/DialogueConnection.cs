namespace Gateway.FrameDebugger.Dialogue;

/// <summary>One TCP connection of a capture: who spoke, what was said (in capture order), what went wrong.</summary>
public sealed class DialogueConnection
{
    internal DialogueConnection(TcpEndpoint client, TcpEndpoint server, int firstFrame, ProtocolGuess guess, bool keepBytes)
    {
        ClientEnd = client;
        ServerEnd = server;
        Client = client.ToString();
        Server = server.ToString();
        int serverPort = server.Port;
        ServerPort = serverPort;
        FirstFrame = firstFrame;
        Guess = guess;
        if (keepBytes)
        {
            _clientBytes = new MemoryStream();
            _serverBytes = new MemoryStream();
        }
    }

    /// <summary>Address:port of the side that opened the connection (or, without its SYN, the side not on a mail port).</summary>
    public string Client { get; }
    public string Server { get; }
    public int ServerPort { get; }
    public int FirstFrame { get; }
    /// <summary>"SMTP", "POP3", "IMAP" from what the connection said (the port only a hint), "TLS" when encrypted from the start with no port hint, else "TCP".</summary>
    public string Protocol => Guess.Protocol;
    /// <summary>What decided <see cref="Protocol"/>: the greeting and command seen, a TLS record, or only the port.</summary>
    public string Evidence => Guess.Evidence;

    /// <summary>The lines, TLS records and per-frame anomalies in capture order (complete after <see cref="MailDialogue.Finish"/>).</summary>
    public IReadOnlyList<DialogueEntry> Entries => _entries;
    /// <summary>The connection's anomalies, one per kind (complete after <see cref="MailDialogue.Finish"/>).</summary>
    public IReadOnlyList<DialogueAnomaly> Anomalies => _anomalies;
    /// <summary>Every byte the client sent, reassembled (what a receiver would have read); kept only by <see cref="MailDialogue.Read"/>.</summary>
    public byte[] ClientBytes => _clientBytes?.ToArray() ?? [];
    /// <summary>Every byte the server sent, reassembled; kept only by <see cref="MailDialogue.Read"/>.</summary>
    public byte[] ServerBytes => _serverBytes?.ToArray() ?? [];
    /// <summary>How many bytes each side's reassembled stream holds.</summary>
    public long ClientByteCount => FromClient.Bytes;
    public long ServerByteCount => FromServer.Bytes;

    internal readonly List<DialogueEntry> _entries = [];
    internal readonly List<DialogueAnomaly> _anomalies = [];
    internal readonly MemoryStream? _clientBytes, _serverBytes;
    internal readonly TcpEndpoint ClientEnd, ServerEnd;
    /// <summary>Capture time (ns) of the connection's last frame, and of its close (both FINs, or an RST); 0 while open.</summary>
    internal long LastSeen, ClosedAt;
    internal readonly Side FromClient = new(), FromServer = new();
    internal readonly List<int> Resets = [], ZeroWindows = [], Retransmitted = [], Overlapping = [], OutOfOrder = [];
    internal int LastCommandFrame, LastReplyFrame;
    internal bool Tls;             // bytes are TLS records from here on
    internal bool TlsRequested;    // STARTTLS/STLS sent, waiting for the server's yes
    internal readonly ProtocolGuess Guess;
    internal readonly CredentialRule Credentials = new();
    /// <summary>Where the credentials are, by TCP sequence number of their first byte, for masking raw bytes.</summary>
    internal readonly List<(uint Seq, int Length)> ClientSecretBytes = [];
    internal bool SawData;         // the first payload (which may be a TLS record) has been seen
    internal bool DataRequested;   // SMTP DATA sent, waiting for 354
    internal bool InMessage;       // SMTP: client lines are the message until "."
    internal int MessageLines;
    internal string? OpenCommand;  // the last client command not yet answered
    internal bool Finished;

    internal sealed class Side
    {
        public readonly TcpStream Stream = new();
        public byte[] Line = new byte[128];
        public int LineCount;
        /// <summary>Where the sequence numbers of Line's bytes jump (a gap given up on): (index in Line, its sequence number).</summary>
        public readonly List<(int At, uint Seq)> LineSeqRuns = [];
        public readonly List<int> LineFrames = [];
        public StreamDelivery Deliver = null!;
        public long Bytes;
        public bool Fin;

        public void Append(ReadOnlySpan<byte> data, uint seq)
        {
            if (LineSeqRuns.Count == 0 || SeqAt(LineCount) != seq) LineSeqRuns.Add((LineCount, seq));
            if (LineCount + data.Length > Line.Length) Array.Resize(ref Line, Math.Max(Line.Length * 2, LineCount + data.Length));
            data.CopyTo(Line.AsSpan(LineCount));
            LineCount += data.Length;
        }

        /// <summary>The sequence number of byte <paramref name="index"/> of Line (or of the next byte, at LineCount).</summary>
        public uint SeqAt(int index)
        {
            int i = LineSeqRuns.Count - 1;
            while (i > 0 && LineSeqRuns[i].At > index) i--;
            return LineSeqRuns[i].Seq + (uint)(index - LineSeqRuns[i].At);
        }

        public void ClearLine()
        {
            LineCount = 0;
            LineSeqRuns.Clear();
            LineFrames.Clear();
        }
    }
}
