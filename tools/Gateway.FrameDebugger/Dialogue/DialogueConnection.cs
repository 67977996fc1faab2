namespace Gateway.FrameDebugger.Dialogue;

/// <summary>One TCP connection of a capture: who spoke, what was said (in capture order), what went wrong.</summary>
public sealed class DialogueConnection
{
    internal DialogueConnection(string client, string server, int serverPort, int firstFrame, ProtocolGuess guess)
    {
        Client = client;
        Server = server;
        ServerPort = serverPort;
        FirstFrame = firstFrame;
        Guess = guess;
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
    /// <summary>Every byte the client sent, reassembled (what a receiver would have read).</summary>
    public byte[] ClientBytes => _clientBytes.ToArray();
    /// <summary>Every byte the server sent, reassembled.</summary>
    public byte[] ServerBytes => _serverBytes.ToArray();

    internal readonly List<DialogueEntry> _entries = [];
    internal readonly List<DialogueAnomaly> _anomalies = [];
    internal readonly MemoryStream _clientBytes = new(), _serverBytes = new();
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
        public readonly List<byte> Line = [];
        public readonly List<uint> LineSeqs = [];   // the sequence number of each byte of Line
        public readonly List<int> LineFrames = [];
    }
}
