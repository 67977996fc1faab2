using System.CommandLine;
using Gateway.Core.Platform;
using Gateway.Host.Platform;

namespace Gateway.Host.Commands;

/// <summary>`gateway run --config FILE`: the virtual device until Ctrl-C; the outbox is kept on disk.</summary>
static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the configuration file", Required = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "show readings and protocol dialogues" };
        var command = new Command("run", "Run the gateway as a virtual device until Ctrl-C.") { config, verbose };
        command.SetAction(parse =>
        {
            var cfg = ConfigFile.Load(parse.GetValue(config)!.FullName, Console.Error);
            if (cfg == null) return 2;
            var log = new ConsoleLog(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Info);
            var app = HostDevice.Create(cfg, log);
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
            log.Write(LogLevel.Info, $"running {cfg.GetString("device.id")}: {app.Rules.Length} rule(s), outbox {app.Outbox.Count} waiting; Ctrl-C stops");
            while (!stop.IsSet)
            {
                app.Tick();
                if (app.RebootRequested)
                {
                    log.Write(LogLevel.Warning, "a reboot was requested by command: the virtual device stops here (a board would restart)");
                    break;
                }
                var wait = app.NextWakeUtc - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero) continue;
                // With IMAP IDLE the wait is the server's: a command mail ends it at once. A second at a time, so Ctrl-C stops it.
                var slice = wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
                if (!app.WaitForCommands(DateTime.UtcNow + slice))
                    stop.Wait(wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1));
            }
            log.Write(LogLevel.Info, $"stopped; {app.Outbox.Count} message(s) kept in the outbox");
            return 0;
        });
        return command;
    }
}
