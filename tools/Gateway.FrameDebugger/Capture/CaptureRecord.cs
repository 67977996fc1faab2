namespace Gateway.FrameDebugger.Capture;

/// <summary>One captured frame, as a reader fills it; reused from record to record.</summary>
public sealed class CaptureRecord
{
    /// <summary>1 for the first frame of the file (pcapng: counting packet blocks only).</summary>
    public int Number { get; internal set; }
    /// <summary>Capture time in nanoseconds since 1970-01-01 UTC.</summary>
    public long TimestampNanoseconds { get; internal set; }
    /// <summary>The pcapng interface the frame came from; 0 for pcap.</summary>
    public int Interface { get; internal set; }
    /// <summary>The interface's link type (LINKTYPE_ value), kept raw.</summary>
    public int LinkType { get; internal set; }
    public byte[] Data { get; private set; } = new byte[2048];
    /// <summary>Bytes captured (Data may be longer).</summary>
    public int Length { get; internal set; }
    /// <summary>Bytes the frame had on the wire; more than Length when the snap length cut it.</summary>
    public int OriginalLength { get; internal set; }

    public DateTime Timestamp => DateTime.UnixEpoch.AddTicks(TimestampNanoseconds / 100);

    internal byte[] Reserve(int length)
    {
        if (Data.Length < length) Data = new byte[Math.Max(length, Data.Length * 2)];
        return Data;
    }
}
