namespace Gateway.FrameDebugger.Dialogue;

/// <summary>What a line of a dialogue shows.</summary>
public enum DialogueEntryKind
{
    /// <summary>A protocol line (command, reply or message text), redacted where it holds a secret.</summary>
    Line,
    /// <summary>Bytes after STARTTLS/STLS or on an implicit-TLS port, named as TLS records.</summary>
    Tls,
    /// <summary>Something wrong at that frame: RST, zero window, retransmission, overlap, out of order.</summary>
    Anomaly,
}
