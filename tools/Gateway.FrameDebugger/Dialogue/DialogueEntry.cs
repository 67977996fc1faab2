namespace Gateway.FrameDebugger.Dialogue;

/// <summary>One line of a connection's dialogue and the frames that carried it.</summary>
/// <param name="Frames">The frames whose bytes make up the line, in order (one for an anomaly).</param>
/// <param name="Anomaly">For <see cref="DialogueEntryKind.Anomaly"/>: its code (see <see cref="DialogueAnomaly"/>); else null.</param>
public sealed record DialogueEntry(int[] Frames, bool FromClient, DialogueEntryKind Kind, string Text, string? Anomaly = null)
{
    /// <summary>Where the line sorts: the frame it was read at (bytes that filled a gap show there).</summary>
    internal int SortFrame { get; init; }
}
