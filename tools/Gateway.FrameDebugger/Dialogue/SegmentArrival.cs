namespace Gateway.FrameDebugger.Dialogue;

/// <summary>What one TCP segment's payload was, relative to the bytes already received in its direction.</summary>
public enum SegmentArrival
{
    /// <summary>No payload (a pure ACK, SYN or FIN).</summary>
    NoData,
    /// <summary>The next bytes expected.</summary>
    InOrder,
    /// <summary>Every byte was seen before: a retransmission.</summary>
    Retransmitted,
    /// <summary>Starts with bytes seen before and carries new ones after them.</summary>
    Overlapping,
    /// <summary>Starts beyond the next expected byte: held until the gap before it is filled.</summary>
    OutOfOrder,
}
