using Gateway.Core.Config;
using System.CommandLine;

namespace Gateway.Host.Commands;

/// <summary>`gateway check-config FILE`: the parsed configuration with secrets masked, or every error with its line.</summary>
static class CheckConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "the configuration file (key = value lines)" };
        var command = new Command("check-config", "Check a configuration file and print it with secrets masked.") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            var config = ConfigFile.Load(path, Console.Error, role: null);
            if (config == null) return 1;
            Console.Write(config.ToMaskedText());
            Console.Error.WriteLine($"{path}: ok ({(config.Role == ConfigRole.Operator ? "an operator's configuration" : "a device's configuration")})");
            return 0;
        });
        return command;
    }
}
