using System;

namespace Gateway.App.Delivery;

/// <summary>
/// One message waiting in the outbox: what to compose (recipients, subject, body, threading) and
/// its delivery state. The Message-ID is chosen once, when the entry is made, and stays the same
/// across retries, so a duplicate after a lost "250" is recognisable as the same message.
/// </summary>
public sealed class OutboxEntry
{
    public OutboxEntry(string messageId, DateTime createdUtc, string[] to, string subject, string body)
    {
        MessageId = messageId;
        CreatedUtc = createdUtc;
        NextAttemptUtc = createdUtc;
        To = to;
        Subject = subject;
        Body = body;
        LastError = "";
    }

    /// <summary>The store name ("outbox/0000000012"); set when the entry is stored.</summary>
    public string StoreName { get; set; } = "";

    public string MessageId { get; }
    public DateTime CreatedUtc { get; }
    public string[] To { get; }
    public string Subject { get; }
    public string Body { get; }

    /// <summary>The message this one answers (a command reply), or null.</summary>
    public string? InReplyTo { get; set; }

    public string? References { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    /// <summary>Why the last attempt failed, as the server or the connection said it.</summary>
    public string LastError { get; set; }
}
