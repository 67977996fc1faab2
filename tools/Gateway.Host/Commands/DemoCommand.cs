using System.CommandLine;

namespace Gateway.Host.Commands;

/// <summary>`gateway demo`: the one-command tour. Not built yet (issue 6); it says so instead of pretending.</summary>
static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the virtual device against an in-process mailbox (not yet available).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("gateway demo: not yet. The demo arrives with the virtual-device work (SMTP alerts, POP3 commands and the local mailbox come first).");
            Console.Error.WriteLine("What works today: `gateway check-config FILE`, and the test command in README.md.");
            return 3;
        });
        return command;
    }
}
