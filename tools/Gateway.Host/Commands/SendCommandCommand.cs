using Gateway.Core.Config;
using System.CommandLine;
using Gateway.Core.Platform;
using Gateway.Host.Operator;
using Gateway.Host.Platform;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Commands;

/// <summary>
/// `gateway command --config OPERATOR.conf "relay relay1 on" status`: the operator's side. Signs the
/// commands for `device.id` with `command.key` and mails them to `command.to` over the operator's
/// own SMTP account (`smtp.*` of that file).
/// </summary>
static class SendCommandCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the operator's configuration (smtp.* account, device.id, command.key, command.to)", Required = true };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "show the SMTP dialogue (credentials masked)" };
        var commands = new Argument<string[]>("COMMAND") { Description = "command lines, e.g. \"relay relay1 on\" status", Arity = ArgumentArity.OneOrMore };
        var command = new Command("command", "Sign commands and mail them to the device.") { config, verbose, commands };
        command.SetAction(parse =>
        {
            var cfg = ConfigFile.Load(parse.GetValue(config)!.FullName, Console.Error, ConfigRole.Operator);
            if (cfg == null) return 2;
            var sender = OperatorMail.Create(cfg, out var why);
            if (sender == null)
            {
                Console.Error.WriteLine(why);
                return 2;
            }
            var lines = parse.GetValue(commands)!;
            var log = new ConsoleLog(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Info);
            string messageId;
            try
            {
                messageId = sender.Send(lines, null, log);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"cannot sign: {e.Message}");
                return 2;
            }
            catch (SmtpException e)
            {
                Console.Error.WriteLine($"not sent: {e.Message}");
                return 1;
            }
            Console.WriteLine($"sent {lines.Length} signed command(s) for {sender.DeviceId} to {sender.To} as <{messageId}>");
            return 0;
        });
        return command;
    }
}
