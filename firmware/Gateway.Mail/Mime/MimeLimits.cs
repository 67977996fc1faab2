namespace Gateway.Mail.Mime;

/// <summary>
/// The fixed memory a <see cref="MimeReader"/> may use; the sender of a mail controls everything else.
/// The defaults cost about 21 KB (header line 2 KB, text 16 KB as chars, scratch 2 KB, boundaries 1 KB).
/// </summary>
public sealed class MimeLimits
{
    /// <summary>RFC 2046 5.1.1: a boundary is 1 to 70 characters; a little slack for sloppy senders.</summary>
    public const int MaxBoundaryLength = 100;

    /// <summary>Bytes of one header block (top level or a part's) that are read, each line counted up to <see cref="MaxHeaderLine"/>; the rest is skipped and flagged.</summary>
    public int MaxHeaderBlock { get; set; } = 64 * 1024;

    /// <summary>Bytes kept of one unfolded header; a longer one is cut and flagged.</summary>
    public int MaxHeaderLine { get; set; } = 2048;

    /// <summary>Multiparts nested deeper than this are skipped and flagged.</summary>
    public int MaxDepth { get; set; } = 8;

    /// <summary>Chars of text kept; more is cut and flagged.</summary>
    public int MaxTextChars { get; set; } = 8192;

    /// <summary>Bytes of a body line decoded at a time; a longer line is decoded in pieces.</summary>
    public int ChunkSize { get; set; } = 1024;
}
