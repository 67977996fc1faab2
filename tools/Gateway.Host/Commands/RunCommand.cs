using System.CommandLine;
using Gateway.App;
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
            using var platform = new HostLoopPlatform(log);
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; platform.Stop(); };
            log.Write(LogLevel.Info, $"running {cfg.GetString("device.id")}: {app.Rules.Length} rule(s), outbox {app.Outbox.Count} waiting; Ctrl-C stops");
            new RunLoop(app, new SystemClock(), log, platform).Run();
            log.Write(LogLevel.Info, $"stopped; {app.Outbox.Count} message(s) kept in the outbox");
            return 0;
        });
        return command;
    }
}
