using System.Text;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

/// <summary>
/// A message in the shape one mail client sends, written for these tests from the RFCs and the client's
/// documented format, with what the reader must extract from it.
/// </summary>
public sealed class MimeVector
{
    public required string Name { get; init; }

    /// <summary>The message with LF line ends as written in the source; <see cref="Bytes"/> has CRLF.</summary>
    public required string Message { get; init; }

    public required string From { get; init; }

    public required string Subject { get; init; }

    /// <summary>The text the reader extracts, LF line breaks.</summary>
    public required string Text { get; init; }

    /// <summary>The text comes from a text/plain part (so MimeKit's TextBody must agree).</summary>
    public bool HasPlain { get; init; } = true;

    /// <summary>The message as sent: CRLF line ends, UTF-8 where the source has non-ASCII (8bit bodies).</summary>
    public byte[] Bytes => Encoding.UTF8.GetBytes(Message.Replace("\r\n", "\n").Replace("\n", "\r\n"));

    public override string ToString() => Name;
}
