using System.CommandLine;
using Gateway.Core.Platform;
using Gateway.Host.Platform;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway poll --config FILE`: one poll for command mail; prints each mail's outcome (executed
/// with its results, rejected with the reason, skipped with the reason), then delivers the replies.
/// Exit 0 when the poll itself worked, whatever the mails said.
/// </summary>
static class PollCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the device's configuration file", Required = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "show the POP3 and SMTP dialogues (credentials masked)" };
        var command = new Command("poll", "Poll once for command mail, run what is signed, and mail the replies.") { config, verbose };
        command.SetAction(parse =>
        {
            var cfg = ConfigFile.Load(parse.GetValue(config)!.FullName, Console.Error);
            if (cfg == null) return 2;
            var log = new ConsoleLog(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Warning);
            var app = HostDevice.Create(cfg, log);
            if (!app.PollsCommands)
            {
                Console.Error.WriteLine("this configuration polls no command mail: it needs pop3.host, pop3.user and command.key");
                return 2;
            }
            var report = app.Poll()!;
            foreach (var outcome in report.Outcomes)
                Console.WriteLine(outcome);
            if (report.Error != null)
            {
                Console.Error.WriteLine($"poll failed: {report.Error.Message}");
                return 1;
            }
            var delivery = app.Deliver();
            Console.WriteLine($"{report.InMailbox} mail(s) in the mailbox, {report.Outcomes.Length} new; {delivery.Sent} repl(ies) sent, {delivery.Waiting} waiting");
            if (delivery.Error != null)
                Console.Error.WriteLine($"replies not sent yet: {delivery.Error.Message}");
            foreach (var relay in app.Actuators)
                Console.WriteLine($"{relay.Name}: {relay.State}");
            return 0;
        });
        return command;
    }
}
