namespace Gateway.FrameDebugger.Dialogue;

/// <summary>What one frame carried or showed, for the one-line view: a line or TLS record it completed, or an anomaly at it.</summary>
/// <param name="Protocol">The connection's protocol when the frame was read (<see cref="ProtocolGuess"/>): "SMTP", "POP3", "IMAP", "TLS" or "TCP".</param>
public sealed record CarriedEntry(string Protocol, DialogueEntry Entry);
