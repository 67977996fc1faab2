using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Platform;

namespace Gateway.Host.Doctor;

/// <summary>`--send-test`: one real alert through the gateway's own outbox and SMTP client, to alert.to.</summary>
public static class SendTestCheck
{
    public static StepResult Run(GatewayConfig config)
    {
        var app = HostDevice.Create(config, new ConsoleLog(LogLevel.Warning));
        var entry = app.QueueAlert("gateway doctor: test alert", "This is a test alert sent by `gateway doctor --send-test`. Mail from the gateway works.");
        app.Outbox.MakeAllDue();
        var report = app.Deliver();
        bool sent = app.Outbox.Entries().All(e => e.MessageId != entry.MessageId) && !app.Outbox.IsFailed(entry.MessageId);
        var to = string.Join(", ", config.GetList("alert.to"));
        if (sent)
            return StepResult.Pass($"test alert <{entry.MessageId}> accepted for {to}");
        return StepResult.Fail($"test alert <{entry.MessageId}> not sent: {report.Error?.Message ?? app.Outbox.FailureOf(entry.MessageId) ?? "not delivered"}");
    }
}
