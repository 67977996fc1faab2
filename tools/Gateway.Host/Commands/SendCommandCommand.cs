using System.CommandLine;
using System.Security.Cryptography;
using Gateway.App.Alerts;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Platform;
using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;
using Gateway.Signing;
using CommandSigner = Gateway.Signing.CommandSigner;

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
            var cfg = ConfigFile.Load(parse.GetValue(config)!.FullName, Console.Error);
            if (cfg == null) return 2;
            var key = cfg.GetBytes("command.key");
            var to = cfg.GetString("command.to");
            var device = cfg.GetString("device.id")!;
            if (key == null || to == null)
            {
                Console.Error.WriteLine("the operator's configuration needs command.key and command.to (the device's address)");
                return 2;
            }
            var lines = parse.GetValue(commands)!;
            string block;
            try
            {
                block = CommandSigner.Sign(lines, device, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), key);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"cannot sign: {e.Message}");
                return 2;
            }

            var log = new ConsoleLog(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Info);
            var from = cfg.GetString("smtp.from")!;
            var message = new OutgoingMessage
            {
                From = from,
                FromName = cfg.GetString("smtp.from-name"),
                To = [to],
                Subject = $"[{device}] commands",
                Body = block,
                MessageId = new MessageIds(from, new Random()).Next(DateTime.UtcNow),
                DateUtc = DateTime.UtcNow,
            };
            var client = new SmtpClient(new SocketConnector(new TlsTrust(cfg.GetString("smtp.ca"), cfg.GetString("smtp.pin"))), SmtpSettings.FromConfig(cfg, "localhost"), log);
            try
            {
                client.Connect();
                var bytes = MessageComposer.Compose(message, (client.Capabilities & SmtpCapabilities.EightBitMime) != 0, out var encoding);
                client.Send(from, message.To, bytes, 0, bytes.Length, encoding == BodyEncoding.EightBit);
                client.Quit();
            }
            catch (SmtpException e)
            {
                Console.Error.WriteLine($"not sent: {e.Message}");
                return 1;
            }
            Console.WriteLine($"sent {lines.Length} signed command(s) for {device} to {to} as <{message.MessageId}>");
            return 0;
        });
        return command;
    }
}
