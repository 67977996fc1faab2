using Gateway.DevMail;

namespace Gateway.Host.Web;

/// <summary>
/// What the mailbox sees of a device, put on its timeline and the live feed: a mail stored for the
/// device is a command; a mail from the device is an alert, or a reply when its subject starts with
/// "Re:". Works the same for the demo's device and for `gateway run` pointed at this mailbox.
/// </summary>
public sealed class MailTimeline
{
    readonly MailCatalog _catalog;
    readonly DeviceTimeline _timeline;
    readonly WebEvents _events;
    readonly string _device;

    /// <param name="deviceAddress">The device's mailbox (`gateway mailbox`: the first --user).</param>
    public MailTimeline(MailCatalog catalog, DeviceTimeline timeline, WebEvents events, string deviceAddress)
    {
        (_catalog, _timeline, _events, _device) = (catalog, timeline, events, deviceAddress);
        catalog.Server.Event += OnEvent;
    }

    void OnEvent(MailEvent e)
    {
        if (e.Uidl == null) return;
        if (e.Kind == MailEventKind.MessageDeleted)
        {
            _events.Publish("deleted", new { id = e.Uidl, mailbox = e.Mailbox });
            return;
        }
        if (e.Kind != MailEventKind.MessageStored) return;
        var stored = _catalog.Server.Store.List(e.Mailbox!).FirstOrDefault(m => m.Uidl == e.Uidl);
        var summary = stored == null ? null : _catalog.Summarise(stored);
        if (summary == null) return;
        _events.Publish("mail", summary);
        var kind = Classify(summary);
        if (kind != null)
            _timeline.Add(new TimelineEntry(e.TimeUtc, kind, Describe(kind, summary))
            {
                MailId = summary.Id, MessageId = summary.MessageId, InReplyTo = kind == "reply" ? summary.InReplyTo : null,
            });
    }

    string? Classify(MailSummary mail)
    {
        if (mail.Mailbox.Equals(_device, StringComparison.OrdinalIgnoreCase)) return "command";
        if (mail.From == null || mail.From.IndexOf(_device, StringComparison.OrdinalIgnoreCase) < 0) return null;
        return (mail.Subject ?? "").StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? "reply" : "alert";
    }

    static string Describe(string kind, MailSummary mail) => kind switch
    {
        "command" => $"command mail for {mail.Mailbox}: \"{mail.Subject}\"",
        "reply" => $"reply to {mail.Mailbox}: \"{mail.Subject}\"",
        _ => $"alert to {mail.Mailbox}: \"{mail.Subject}\"",
    };
}
