using System;

namespace Gateway.Mail.Mime;

/// <summary>
/// A plain-text mail to compose (<see cref="MessageComposer"/>). Plain data: the composer validates
/// and encodes every field, so values from configuration, sensors or mail can be put here as they are.
/// </summary>
public sealed class OutgoingMessage
{
    /// <summary>The author's address, e.g. "gateway@example.com" (no angle brackets).</summary>
    public string From { get; set; } = "";

    /// <summary>The author's display name, e.g. "Greenhouse gateway"; null or empty for none.</summary>
    public string? FromName { get; set; }

    /// <summary>Recipient addresses (no angle brackets); at least one.</summary>
    public string[] To { get; set; } = new string[0];

    /// <summary>Any text: non-ASCII and control characters are sent as RFC 2047 encoded words.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Any text with any line endings (CRLF, LF, CR): sent with CRLF.</summary>
    public string Body { get; set; } = "";

    /// <summary>Without angle brackets, e.g. "3f2a9c@demo-01.gateway"; kept across retries of the same message.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The time of writing, in UTC (sent with "+0000").</summary>
    public DateTime DateUtc { get; set; }

    /// <summary>The message id this one answers (a command reply), without angle brackets; null for none.</summary>
    public string? InReplyTo { get; set; }

    /// <summary>The thread's message ids, oldest first, without angle brackets; null for none (RFC 5322 3.6.4).</summary>
    public string[]? References { get; set; }

    /// <summary>Adds "Auto-Submitted: auto-generated" (RFC 3834), so auto-responders do not answer alerts and replies.</summary>
    public bool AutoSubmitted { get; set; }
}
