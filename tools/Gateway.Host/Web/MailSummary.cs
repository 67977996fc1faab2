namespace Gateway.Host.Web;

/// <summary>A mail in the list: what its header says, read once (a stored message never changes).</summary>
public sealed record MailSummary(
    string Id,
    string Mailbox,
    string? From,
    string? To,
    string? Subject,
    DateTimeOffset? Date,
    long Size,
    DateTime StoredUtc,
    string? MessageId,
    string? InReplyTo);
