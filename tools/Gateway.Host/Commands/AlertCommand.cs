using System.CommandLine;
using Gateway.Core.Platform;
using Gateway.Host.Platform;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway alert --config FILE --subject S --text T`: one alert through the outbox, after what the
/// outbox still holds from earlier runs. Exit 0 once the server accepted it; otherwise non-zero
/// with the server's code and text (the alert stays queued for the next run).
/// </summary>
static class AlertCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the configuration file", Required = true };
        var subject = new Option<string>("--subject") { Description = "the alert's subject", Required = true };
        var text = new Option<string>("--text") { Description = "the alert's text", Required = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "show the SMTP dialogue (credentials masked)" };
        var command = new Command("alert", "Send one alert through the outbox.") { config, subject, text, verbose };
        command.SetAction(parse =>
        {
            var cfg = ConfigFile.Load(parse.GetValue(config)!.FullName, Console.Error);
            if (cfg == null) return 2;
            var log = new ConsoleLog(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Info);
            var app = HostDevice.Create(cfg, log);
            var entry = app.QueueAlert(parse.GetValue(subject)!, parse.GetValue(text)!);
            // Everything waiting is due now: the person at the keyboard wants to know, not to wait for a backoff.
            app.Outbox.MakeAllDue();
            var report = app.Deliver();
            bool sent = app.Outbox.Entries().All(e => e.MessageId != entry.MessageId) && !app.Outbox.IsFailed(entry.MessageId);
            if (sent)
            {
                Console.WriteLine($"sent <{entry.MessageId}>; {report.Sent} message(s) delivered, {report.Waiting} waiting");
                return 0;
            }
            var why = report.Error?.Message ?? app.Outbox.FailureOf(entry.MessageId) ?? "not delivered";
            Console.Error.WriteLine($"not sent <{entry.MessageId}>: {why}");
            Console.Error.WriteLine(report.Error != null && !report.Error.IsMessageRejected
                ? $"it stays in the outbox ({HostDevice.StorePath(cfg)}) and goes with the next run"
                : "it was refused for good and moved to failed/");
            return 1;
        });
        return command;
    }
}
