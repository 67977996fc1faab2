namespace Gateway.FrameDebugger.Capture;

/// <summary>A capture file that cannot be read on: wrong magic, unknown version, a damaged record.</summary>
public sealed class CaptureFormatException : Exception
{
    public CaptureFormatException(string message) : base(message) { }
}
