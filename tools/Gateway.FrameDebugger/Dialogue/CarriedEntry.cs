namespace Gateway.FrameDebugger.Dialogue;

/// <summary>What one frame carried or showed, for the one-line view: a line or TLS record it completed, or an anomaly at it.</summary>
/// <param name="Protocol">The connection's protocol: "SMTP", "POP3", "IMAP" or "TCP".</param>
public sealed record CarriedEntry(string Protocol, DialogueEntry Entry);
