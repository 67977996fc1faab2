namespace Gateway.Mail.Imap;

/// <summary>
/// The IMAP client's fixed sizes, in one place. Its working memory is one read buffer
/// (<see cref="ReadBuffer"/>) and one write buffer; literals stream through the read buffer, so a
/// server can make the device neither hold a message nor grow a buffer.
/// </summary>
public static class ImapLimits
{
    /// <summary>
    /// The read buffer. A token (atom, quoted string), a text line and each line of a streamed message
    /// must fit: message lines are at most 998 octets (RFC 5322 2.1.1).
    /// </summary>
    public const int ReadBuffer = 1024;

    /// <summary>Bytes of one response line outside its literals; more is an endless line (RFC 9051 4 leaves it to the client).</summary>
    public const int MaxResponseLine = 16 * 1024;

    /// <summary>Untagged responses to one command beyond which the server is taken as endless.</summary>
    public const int MaxUntagged = 10000;

    /// <summary>A literal the client has no use for (a header in an unasked place) is read and dropped up to this size.</summary>
    public const int MaxSkippedLiteral = 64 * 1024;

    /// <summary>A literal read as text (a quoted value sent as a literal) is at most this long.</summary>
    public const int MaxTextLiteral = 1000;

    /// <summary>Commands collect here before one write; longer lines (a SASL response) go out in pieces.</summary>
    public const int WriteBuffer = 256;

    /// <summary>The UIDs one UID SEARCH keeps (the lowest); the rest wait for the next search.</summary>
    public const int MaxSearchUids = 50;

    /// <summary>RFC 2177 3: a server may drop an IDLE after 30 minutes; the client re-IDLEs before 29.</summary>
    public const int MaxIdleMs = 29 * 60 * 1000;
}
