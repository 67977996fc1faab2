namespace Gateway.Mail.Mime;

/// <summary>The Content-Transfer-Encoding the composer chose for a body (RFC 2045 section 6).</summary>
public enum BodyEncoding
{
    /// <summary>US-ASCII lines of at most 998 octets: sent as they are.</summary>
    SevenBit,

    /// <summary>UTF-8 lines of at most 998 octets: needs BODY=8BITMIME (RFC 6152) on MAIL FROM.</summary>
    EightBit,

    /// <summary>Anything else: 7-bit safe, lines of at most 76 characters.</summary>
    QuotedPrintable,
}
