namespace Gateway.FrameDebugger.Dialogue;

/// <summary>One kind of trouble in a connection, with the frames that show it.</summary>
/// <param name="Kind">A stable code for scripts: see the constants.</param>
/// <param name="Text">What it means, for people.</param>
public sealed record DialogueAnomaly(string Kind, string Text, int[] Frames)
{
    public const string Reset = "rst";
    public const string ZeroWindow = "zero-window";
    public const string Retransmission = "retransmission";
    public const string Overlap = "overlap";
    public const string OutOfOrder = "out-of-order";
    public const string LostBytes = "lost-bytes";
    public const string StopsMidCommand = "stops-mid-command";
}
