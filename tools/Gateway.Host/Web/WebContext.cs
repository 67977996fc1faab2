using Gateway.DevMail;
using Gateway.Host.Operator;

namespace Gateway.Host.Web;

/// <summary>
/// What the page shows and acts on: the mailbox (attached once it is up), the device's timeline, the
/// operator's send path (when an operator configuration was given), the captures and the live feed.
/// </summary>
public sealed class WebContext
{
    /// <summary>The largest capture an upload may be; past it the upload is refused with 413.</summary>
    public const long DefaultUploadLimit = 32 * 1024 * 1024;

    public WebContext()
    {
        Timeline = new DeviceTimeline(Events);
        Captures = new CaptureLibrary(Events);
    }

    public WebEvents Events { get; } = new();
    public DeviceTimeline Timeline { get; }
    public CaptureLibrary Captures { get; }
    public long UploadLimit { get; init; } = DefaultUploadLimit;

    public MailCatalog? Mail { get; private set; }

    /// <summary>The device's mailbox: mail stored there is a command, mail from it an alert or a reply.</summary>
    public string? DeviceAddress { get; private set; }

    public OperatorMail? Operator { get; private set; }

    /// <summary>Why the page cannot send commands, when it cannot.</summary>
    public string OperatorMissing { get; private set; } =
        "no operator configuration: start `gateway mailbox --web ... --operator OPERATOR.conf` to sign and send commands from here";

    public void AttachMailbox(DevMailServer server, string deviceAddress)
    {
        Mail = new MailCatalog(server);
        DeviceAddress = deviceAddress;
        _ = new MailTimeline(Mail, Timeline, Events, deviceAddress);
    }

    public void AttachOperator(OperatorMail? sender, string? why = null)
    {
        Operator = sender;
        if (why != null) OperatorMissing = why;
    }
}
