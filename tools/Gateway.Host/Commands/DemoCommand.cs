using System.CommandLine;
using Gateway.Host.Demo;

namespace Gateway.Host.Commands;

/// <summary>`gateway demo`: the whole gateway in one command, against a mailbox in this process.</summary>
static class DemoCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose", "-v") { Description = "also show the SMTP and POP3 dialogues (credentials masked)" };
        var unplug = new Option<int>("--unplug") { Description = "take the mail server away for this many seconds when the alert is queued" };
        var command = new Command("demo", "A virtual device, a local mailbox and an operator: an alert, a signed command, a reply.") { verbose, unplug };
        command.SetAction(parse =>
        {
            var scenario = new DemoScenario(Console.Out, parse.GetValue(verbose)) { UnplugFor = TimeSpan.FromSeconds(parse.GetValue(unplug)) };
            var outcome = scenario.RunAsync().GetAwaiter().GetResult();
            return outcome.Succeeded ? 0 : 1;
        });
        return command;
    }
}
