using Gateway.Core.Config;
using Gateway.DevMail;
using Gateway.Host.Operator;

namespace Gateway.Host.Web;

/// <summary>`gateway demo --web`: the demo's mailbox, operator, device log and readings, fed to the page.</summary>
public sealed class DemoFeed(WebContext web)
{
    /// <summary>The mailbox is up: its mail and the operator's send path (the demo's key, kept on the server).</summary>
    public void Started(DevMailServer mailbox, GatewayConfig operatorConfig)
    {
        web.AttachMailbox(mailbox, operatorConfig.GetString("command.to")!);
        web.AttachOperator(OperatorMail.Create(operatorConfig, out var why), why);
    }

    /// <summary>A line of the demo's timeline: the device's log and the operator's steps (readings come with their values).</summary>
    public void Said(string actor, string text)
    {
        if (actor is "device" or "operator" && !text.StartsWith("temperature ", StringComparison.Ordinal))
            web.Timeline.Add(new TimelineEntry(DateTime.UtcNow, actor, text));
    }

    public void Reading(string sensor, double value, string unit) =>
        web.Timeline.Add(new TimelineEntry(DateTime.UtcNow, "reading", $"{sensor} {value:0.0} {unit}") { Sensor = sensor, Value = value, Unit = unit });
}
