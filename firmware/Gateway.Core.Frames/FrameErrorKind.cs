namespace Gateway.Core.Frames;

/// <summary>What made a header undecodable.</summary>
public enum FrameErrorKind
{
    None = 0,
    /// <summary>The slice handed in lies (partly) outside its byte array.</summary>
    OutOfRange,
    /// <summary>Fewer bytes than the header, or than its own length fields, say it has.</summary>
    Truncated,
    /// <summary>A header-length field below the minimum (IPv4 IHL, TCP data offset, an option).</summary>
    BadHeaderLength,
    /// <summary>A total-length field smaller than the header it belongs to.</summary>
    BadTotalLength,
    /// <summary>The IP version nibble does not match the header.</summary>
    BadVersion,
    /// <summary>More tags or extension headers than the decoder walks.</summary>
    TooManyHeaders,
    /// <summary>A capture link type, or loopback family, the decoder does not know.</summary>
    UnknownLinkType,
}
