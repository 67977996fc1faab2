namespace Gateway.Host.Web;

/// <summary>One mail opened: every header line, the text, the HTML made safe, the attachments listed.</summary>
public sealed record MailDetail(
    MailSummary Summary,
    IReadOnlyList<MailHeader> Headers,
    string? Text,
    string? SafeHtml,
    IReadOnlyList<MailAttachment> Attachments);

public sealed record MailHeader(string Name, string Value);

public sealed record MailAttachment(string? Name, string ContentType, long Size);
