using System.Security.Cryptography;
using Gateway.App.Delivery;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;
using CommandSigner = Gateway.Signing.CommandSigner;

namespace Gateway.Host.Operator;

/// <summary>
/// The operator's one send path (`gateway command` and the web page's form): signs command lines for
/// `device.id` with `command.key` and mails them to `command.to` over the operator's own SMTP account.
/// The key stays here: only the signed block (an HMAC) leaves.
/// </summary>
public sealed class OperatorMail
{
    readonly GatewayConfig _config;
    readonly byte[] _key;

    OperatorMail(GatewayConfig config, byte[] key, string to)
    {
        _config = config;
        _key = key;
        To = to;
        DeviceId = config.GetString("device.id")!;
        From = config.GetString("smtp.from")!;
    }

    public string DeviceId { get; }
    public string To { get; }
    public string From { get; }

    /// <summary>The sender for an operator's configuration (role = operator, which the parse made sure has command.key and command.to), or null with the reason.</summary>
    public static OperatorMail? Create(GatewayConfig config, out string why)
    {
        if (config.Role != ConfigRole.Operator)
        {
            why = "a device's configuration: signing and sending commands needs an operator's (role = operator: device.id, command.key, command.to and the operator's own smtp.*)";
            return null;
        }
        why = "";
        return new OperatorMail(config, config.GetBytes("command.key")!, config.GetString("command.to")!);
    }

    /// <summary>Signs <paramref name="lines"/> and mails them; returns the mail's Message-ID.</summary>
    /// <param name="subject">The subject; null for "[device] commands". It must name the device (the device checks).</param>
    /// <exception cref="ArgumentException">A command or the subject is not acceptable; the message says which.</exception>
    /// <exception cref="SmtpException">The server refused or the connection failed.</exception>
    public string Send(string[] lines, string? subject, ILog log)
    {
        subject ??= $"[{DeviceId}] commands";
        if (subject.Any(char.IsControl))
            throw new ArgumentException("the subject holds a line break or another control character (one header line only: no header injection)");
        if (subject.IndexOf(DeviceId, StringComparison.OrdinalIgnoreCase) < 0)
            subject = $"[{DeviceId}] " + subject; // the device ignores a command mail whose subject does not name it
        var block = CommandSigner.Sign(lines, DeviceId, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), _key);
        var message = new OutgoingMessage
        {
            From = From,
            FromName = _config.GetString("smtp.from-name"),
            To = [To],
            Subject = subject,
            Body = block,
            MessageId = new MessageIds(From, new Random()).Next(DateTime.UtcNow),
            DateUtc = DateTime.UtcNow,
        };
        var client = new SmtpClient(new SocketConnector(new TlsTrust(_config.GetString("smtp.ca"), _config.GetString("smtp.pin"))),
            SmtpSettings.FromConfig(_config, "localhost"), log);
        client.Send(message);
        client.Quit();
        return message.MessageId;
    }
}
