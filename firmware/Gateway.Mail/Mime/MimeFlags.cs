using System;

namespace Gateway.Mail.Mime;

/// <summary>What was wrong or left out in a message the <see cref="MimeReader"/> read; it never throws for these.</summary>
[Flags]
public enum MimeFlags
{
    None = 0,

    /// <summary>A header line had no colon (ignored).</summary>
    HeaderWithoutColon = 1 << 0,

    /// <summary>An unfolded header was longer than <see cref="MimeLimits.MaxHeaderLine"/>: kept cut short.</summary>
    HeaderTruncated = 1 << 1,

    /// <summary>A header block was longer than <see cref="MimeLimits.MaxHeaderBlock"/>: the rest was skipped.</summary>
    HeaderBlockTooLarge = 1 << 2,

    /// <summary>A multipart had no usable boundary parameter (missing, empty or too long): skipped.</summary>
    BadBoundary = 1 << 3,

    /// <summary>A multipart ended without its closing boundary (the message ended, or an outer boundary came).</summary>
    MissingCloseBoundary = 1 << 4,

    /// <summary>Multiparts nested deeper than <see cref="MimeLimits.MaxDepth"/> were skipped.</summary>
    DepthExceeded = 1 << 5,

    /// <summary>The chosen text's base64 had characters outside the alphabet, or a group cut short.</summary>
    InvalidBase64 = 1 << 6,

    /// <summary>The chosen text's quoted-printable had an '=' that starts no valid sequence (kept literally).</summary>
    InvalidQuotedPrintable = 1 << 7,

    /// <summary>The chosen text had ill-formed UTF-8 (each ill-formed sequence became U+FFFD).</summary>
    InvalidUtf8 = 1 << 8,

    /// <summary>The chosen text's charset is not one the gateway knows: it was read as UTF-8.</summary>
    UnknownCharset = 1 << 9,

    /// <summary>The chosen text's Content-Transfer-Encoding is unknown: it was taken as it stands.</summary>
    UnknownTransferEncoding = 1 << 10,

    /// <summary>The text was longer than <see cref="MimeLimits.MaxTextChars"/>: cut.</summary>
    TextTruncated = 1 << 11,

    /// <summary>The message ended inside a header block (its headers, or a part's).</summary>
    EndedInHeaders = 1 << 12,
}
