namespace Gateway.Host.Web;

/// <summary>
/// One line of the device's timeline. <see cref="Kind"/> is one of "reading", "alert", "command", "reply"
/// (each from the mail or the demo's device), "device" (a line of the demo device's own log) or "operator" (what the operator did).
/// </summary>
public sealed record TimelineEntry(DateTime TimeUtc, string Kind, string Text)
{
    /// <summary>A reading's value and unit, for the chart.</summary>
    public double? Value { get; init; }
    public string? Unit { get; init; }
    public string? Sensor { get; init; }

    /// <summary>The mail this entry is about (its id in /api/messages) and its Message-ID.</summary>
    public string? MailId { get; init; }
    public string? MessageId { get; init; }

    /// <summary>A reply's In-Reply-To: the Message-ID of the command mail it answers.</summary>
    public string? InReplyTo { get; init; }
}
