using Gateway.Core.Config;
using System.CommandLine;
using Gateway.Host.Demo;
using Gateway.Host.Web;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway demo`: the whole gateway in one command, against a mailbox in this process; with
/// `--real DEVICE.conf --operator OPERATOR.conf`, the same story against real mail accounts.
/// </summary>
static class DemoCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose", "-v") { Description = "also show the SMTP and POP3 dialogues (credentials masked)" };
        var unplug = new Option<int>("--unplug") { Description = "take the local mail server away for this many seconds just before the alert" };
        var real = new Option<FileInfo>("--real") { Description = "run against a real server: the device's configuration (needs relay.relay1.sim)" };
        var op = new Option<FileInfo>("--operator") { Description = "with --real: the operator's configuration (smtp.* and pop3.* of the operator's account, command.key, command.to)" };
        var imap = new Option<bool>("--imap") { Description = "the device reads its commands by IMAP and waits in IDLE: the command is pushed, not polled" };
        var web = WebOptions.Web();
        var webPassword = WebOptions.Password();
        var command = new Command("demo", "A virtual device, a local mailbox and an operator: an alert, a signed command, a reply.") { verbose, unplug, imap, real, op, web, webPassword };
        command.SetAction(parse =>
        {
            var realFile = parse.GetValue(real);
            if (realFile != null)
            {
                var opFile = parse.GetValue(op);
                if (opFile == null)
                {
                    Console.Error.WriteLine("--real needs --operator OPERATOR.conf too (the account that receives the alert and sends the command)");
                    return 2;
                }
                var device = ConfigFile.Load(realFile.FullName, Console.Error);
                var operatorConfig = ConfigFile.Load(opFile.FullName, Console.Error, ConfigRole.Operator);
                if (device == null || operatorConfig == null) return 2;
                return new RealDemoScenario(device, operatorConfig, Console.Out, parse.GetValue(verbose)).Run().Succeeded ? 0 : 1;
            }
            var webSpec = parse.GetValue(web);
            if (webSpec == null)
            {
                var scenario = new DemoScenario(Console.Out, parse.GetValue(verbose)) { UnplugFor = TimeSpan.FromSeconds(parse.GetValue(unplug)), Imap = parse.GetValue(imap) };
                return scenario.RunAsync().GetAwaiter().GetResult().Succeeded ? 0 : 1;
            }
            return RunWithPage(webSpec, parse.GetValue(webPassword), parse.GetValue(verbose), TimeSpan.FromSeconds(parse.GetValue(unplug)), parse.GetValue(imap));
        });
        return command;
    }

    /// <summary>`--web`: the page first (so a browser can watch from the start), then the story; the device stays up until Ctrl-C.</summary>
    static int RunWithPage(string spec, string? password, bool verbose, TimeSpan unplug, bool imap)
    {
        var context = new WebContext();
        var page = WebOptions.Start(spec, password, context, "demo");
        if (page == null) return 2;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        Console.WriteLine($"web page: {page.Address} (the mail, the device's timeline, a command form, frames)");
        var feed = new DemoFeed(context);
        var scenario = new DemoScenario(Console.Out, verbose)
        {
            UnplugFor = unplug, Imap = imap, Started = feed.Started, Said = feed.Said, Reading = feed.Reading, Linger = stop.Token,
        };
        var outcome = scenario.RunAsync().GetAwaiter().GetResult();
        page.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return outcome.Succeeded ? 0 : 1;
    }
}
