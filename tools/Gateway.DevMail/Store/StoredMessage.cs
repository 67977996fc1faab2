namespace Gateway.DevMail;

/// <summary>One message on disk. Immutable: the store replaces, never edits, a message.</summary>
public sealed record StoredMessage(
    string Mailbox,
    long Uid,
    string Uidl,
    long Size,
    string? MessageId,
    string? Subject,
    DateTime StoredUtc,
    string Path);
