namespace Gateway.DevMail;

/// <summary>
/// One line of the mailbox's timeline. Raised on the server's own threads: a handler must be quick
/// and must not throw (an exception from it is swallowed so the mail keeps flowing).
/// </summary>
public sealed record MailEvent(
    MailEventKind Kind,
    string Protocol,
    string? Mailbox = null,
    string? MessageId = null,
    string? Subject = null,
    string? Uidl = null,
    string? Remote = null,
    string? Detail = null)
{
    public DateTime TimeUtc { get; init; } = DateTime.UtcNow;

    /// <summary>One readable line, e.g. "SMTP MessageStored device@gateway.local &lt;id&gt; "subject"".</summary>
    public override string ToString()
    {
        var parts = new List<string> { Protocol, Kind.ToString() };
        if (Mailbox != null) parts.Add(Mailbox);
        if (Uidl != null) parts.Add("uidl " + Uidl);
        if (MessageId != null) parts.Add("<" + MessageId + ">");
        if (Subject != null) parts.Add("\"" + Subject + "\"");
        if (Remote != null) parts.Add("from " + Remote);
        if (Detail != null) parts.Add(Detail);
        return string.Join(' ', parts);
    }
}
