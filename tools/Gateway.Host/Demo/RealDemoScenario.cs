using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Host.Net;
using Gateway.Host.Sensors;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;
using Gateway.Signing;
using CommandSigner = Gateway.Signing.CommandSigner;

namespace Gateway.Host.Demo;

/// <summary>
/// `gateway demo --real DEVICE.conf --operator OPERATOR.conf`: the same story against real mail
/// accounts. The device sends an alert; the operator's mailbox (pop3.* of OPERATOR.conf) is read
/// until it arrives; the operator mails a signed "relay relay1 on" and "status" (smtp.* of
/// OPERATOR.conf, to its command.to); the device polls and runs it; the reply is awaited in the
/// operator's mailbox. Mails the demo read there are deleted; nothing else is touched.
/// </summary>
public sealed class RealDemoScenario(GatewayConfig device, GatewayConfig operatorConfig, TextWriter output, bool verbose)
{
    readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(3);

    public DemoScenario.Outcome Run()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var log = new SayLog(this, verbose);
        var app = HostDevice.Create(device, log);
        var relay = app.Actuators.OfType<SimulatedRelay>().FirstOrDefault(r => r.Name == "relay1")
            ?? throw new InvalidOperationException("the device's configuration needs relay.relay1.sim = off");
        string deviceId = device.GetString("device.id")!;
        Say("device", $"{deviceId}: queueing a demo alert ({token})");
        app.QueueAlert($"[{deviceId}] ALERT: demo {token}", "A demo alert from `gateway demo --real`.\r\n");

        bool alert = false, reply = false, commandSent = false;
        var nextOperatorCheck = TimeSpan.Zero;
        while (_clock.Elapsed < Deadline && !reply)
        {
            app.Tick();
            if (_clock.Elapsed >= nextOperatorCheck)
            {
                nextOperatorCheck = _clock.Elapsed + TimeSpan.FromSeconds(2);
                if (!alert && TakeFromOperatorMailbox("ALERT: demo " + token))
                {
                    alert = true;
                    Say("operator", "the alert is in the operator's mailbox");
                }
                if (alert && !commandSent)
                {
                    SendCommand(deviceId, token);
                    commandSent = true;
                    Say("operator", $"mailed signed \"relay relay1 on\" and \"status\" to {operatorConfig.GetString("command.to")}");
                }
                if (commandSent && TakeFromOperatorMailbox("Re: [" + deviceId + "] commands " + token))
                {
                    reply = true;
                    Say("operator", "the reply is in the operator's mailbox");
                }
            }
            Thread.Sleep(200);
        }
        var outcome = new DemoScenario.Outcome(alert, alert ? 1 : 0, relay.Moves == 1 && relay.On, relay.Moves, reply, _clock.Elapsed);
        output.WriteLine();
        output.WriteLine(outcome.Succeeded ? "demo: ok" : $"demo: FAILED (alert {alert}, command ran once {outcome.CommandRanOnce}, reply {reply})");
        return outcome;
    }

    void SendCommand(string deviceId, string token)
    {
        var key = operatorConfig.GetBytes("command.key") ?? throw new InvalidOperationException("the operator's configuration needs command.key");
        var to = operatorConfig.GetString("command.to") ?? throw new InvalidOperationException("the operator's configuration needs command.to");
        var from = operatorConfig.GetString("smtp.from")!;
        var message = new OutgoingMessage
        {
            From = from,
            To = [to],
            Subject = $"[{deviceId}] commands {token}",
            Body = CommandSigner.Sign(["relay relay1 on", "status"], deviceId, DateTime.UtcNow, RandomNumberGenerator.GetBytes(16), key),
            MessageId = Guid.NewGuid().ToString("N") + "@" + from[(from.IndexOf('@') + 1)..],
            DateUtc = DateTime.UtcNow,
        };
        var client = new SmtpClient(new SocketConnector(new TlsTrust(operatorConfig.GetString("smtp.ca"), operatorConfig.GetString("smtp.pin"))), SmtpSettings.FromConfig(operatorConfig, "localhost"));
        client.Connect();
        var bytes = MessageComposer.Compose(message, (client.Capabilities & SmtpCapabilities.EightBitMime) != 0, out var encoding);
        client.Send(from, message.To, bytes, 0, bytes.Length, encoding == BodyEncoding.EightBit);
        client.Quit();
    }

    /// <summary>Looks for a mail whose subject contains <paramref name="subjectPart"/> in the operator's mailbox; deletes it when found.</summary>
    bool TakeFromOperatorMailbox(string subjectPart)
    {
        var client = new Pop3Client(new SocketConnector(new TlsTrust(operatorConfig.GetString("pop3.ca"), operatorConfig.GetString("pop3.pin"))), Pop3Settings.FromConfig(operatorConfig));
        var reader = new MimeReader();
        try
        {
            client.Connect();
            // Newest first: a busy mailbox may hold thousands of older mails.
            int count = client.Stat().Count;
            for (int n = count; n >= 1 && n > count - 100; n--)
            {
                reader.Reset();
                reader.ReadHeadersOnly = true;
                client.Top(n, 0, reader, 256 * 1024);
                reader.End();
                if (reader.Subject.Contains(subjectPart, StringComparison.Ordinal))
                {
                    client.Delete(n);
                    client.Quit();
                    return true;
                }
            }
            client.Quit();
        }
        catch (Pop3Exception e)
        {
            Say("operator", "cannot read the operator's mailbox: " + e.Message);
            client.Close();
        }
        return false;
    }

    void Say(string actor, string text)
    {
        lock (output)
            output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0}s  {actor,-8}  {text}");
    }

    sealed class SayLog(RealDemoScenario demo, bool verbose) : ILog
    {
        public bool IsEnabled(LogLevel level) => verbose || level >= LogLevel.Info;

        public void Write(LogLevel level, string text)
        {
            if (IsEnabled(level)) demo.Say("device", text);
        }
    }
}
