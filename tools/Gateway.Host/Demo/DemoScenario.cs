using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.DevMail;
using Gateway.Host.Net;
using Gateway.Host.Operator;
using Gateway.Host.Platform;
using Gateway.Host.Sensors;
using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;
using Gateway.Signing;
using CommandSigner = Gateway.Signing.CommandSigner;

namespace Gateway.Host.Demo;

/// <summary>
/// The one-command tour: a local mailbox in process (SMTP + POP3, or IMAP with <see cref="Imap"/>; TLS with its own CA), a virtual
/// device whose simulated temperature climbs past its alert threshold, and an operator who, once
/// the alert is in, mails a signed "relay relay1 on" and "status" and waits for the reply. Every
/// step is printed on a timeline. It succeeds only when the alert arrived, the command ran exactly
/// once and the reply arrived.
/// </summary>
public sealed class DemoScenario
{
    const string DeviceId = "demo-01";
    const string DeviceAddress = "device@gateway.local";
    const string OperatorAddress = "ops@gateway.local";

    readonly TextWriter _out;
    readonly bool _verbose;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly ConcurrentQueue<MailEvent> _events = new();

    public DemoScenario(TextWriter output, bool verbose)
    {
        _out = output;
        _verbose = verbose;
    }

    /// <summary>How long to take the mailbox away right after the alert is queued (the "unplugged cable" test).</summary>
    public TimeSpan UnplugFor { get; init; } = TimeSpan.Zero;

    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The device reads its commands by IMAP and waits in IDLE (`gateway demo --imap`): the command is pushed, not polled.</summary>
    public bool Imap { get; init; }

    /// <summary>Called once the mailbox and the device are up, with the mailbox and the operator's configuration (the web page attaches here).</summary>
    public Action<DevMailServer, GatewayConfig>? Started { get; init; }

    /// <summary>Every line of the timeline, as (actor, text), besides the printed one.</summary>
    public Action<string, string>? Said { get; init; }

    /// <summary>Every new reading, as (sensor, value, unit).</summary>
    public Action<string, double, string>? Reading { get; init; }

    /// <summary>After the story, keep the device running (reading, polling, answering commands) until this is cancelled.</summary>
    public CancellationToken Linger { get; init; }

    public sealed record Outcome(bool AlertArrived, int AlertCopies, bool CommandRanOnce, int RelayMoves, bool ReplyArrived, TimeSpan Elapsed)
    {
        /// <summary>From the operator's send (SMTP submission included) to the relay's move, once it moved.</summary>
        public TimeSpan? CommandLatency { get; init; }

        public bool Succeeded => AlertArrived && CommandRanOnce && ReplyArrived;
    }

    public async Task<Outcome> RunAsync()
    {
        var dir = Directory.CreateTempSubdirectory("gateway-demo-").FullName;
        var devicePassword = MailUser.GeneratePassword();
        var operatorPassword = MailUser.GeneratePassword();
        var options = new DevMailOptions
        {
            Directory = Path.Combine(dir, "mailbox"),
            Tls = true,
            Pop3sPort = 0,
            ImapPort = Imap ? 0 : null,
            ImapsPort = Imap ? 0 : null,
            Users = [new MailUser(DeviceAddress, devicePassword), new MailUser(OperatorAddress, operatorPassword)],
        };
        await using var mailbox = new DevMailServer(options);
        mailbox.Event += e => _events.Enqueue(e);
        await mailbox.StartAsync();
        Say("mailbox", $"up on 127.0.0.1: SMTP {mailbox.SmtpPort} (STARTTLS), {(Imap ? $"IMAPS {mailbox.ImapsPort}" : $"POP3S {mailbox.Pop3sPort}")}; users {DeviceAddress}, {OperatorAddress}");

        var key = RandomNumberGenerator.GetBytes(32);
        var config = DeviceConfig(mailbox, devicePassword, key, Path.Combine(dir, "device"), Imap);
        var relay = new SimulatedRelay("relay1", on: false);
        var log = new TimelineLog(this, _verbose);
        var clock = new SystemClock();
        var sensor = SimulatedSensorFrom(config, clock);
        var trust = new TlsTrust(mailbox.CaPemPath);
        var app = new GatewayApp(config, new SocketConnector(trust), new SocketConnector(trust), new FileStore(Path.Combine(dir, "device")),
            clock, log, [sensor], [relay], new Random(), "demo-01.gateway.local");
        var operatorConfig = OperatorConfig(mailbox, operatorPassword, key);
        var operatorMail = OperatorMail.Create(operatorConfig, out _)!;
        Say("device", $"{DeviceId} running: temperature ramps 24 -> 33 °C, rule temp-high above 30 °C, " + (Imap ? "waits for commands in IMAP IDLE" : "polls commands every 2 s"));
        Started?.Invoke(mailbox, operatorConfig);

        string? alertId = null, commandId = null;
        long commandSent = 0;
        TimeSpan? commandLatency = null;
        int alertCopies = 0;
        bool replyArrived = false, unplugged = false;
        var unplugUntil = TimeSpan.Zero;
        double shown = double.NaN;
        while (_clock.Elapsed < Deadline && !replyArrived)
        {
            app.Tick();
            if (app.LastReading(0) != shown)
            {
                shown = app.LastReading(0);
                Say("device", $"temperature {shown:0.0} °C");
                Reading?.Invoke("temperature", shown, "°C");
            }

            // The mail server's side of the story, as its events arrive.
            while (_events.TryDequeue(out var e))
            {
                if (e.Kind == MailEventKind.MessageStored && e.Mailbox == OperatorAddress && (e.Subject ?? "").Contains("ALERT", StringComparison.Ordinal))
                {
                    alertCopies++;
                    alertId ??= e.MessageId;
                    Say("mailbox", $"alert stored for {OperatorAddress}: \"{e.Subject}\"");
                }
                else if (e.Kind == MailEventKind.MessageStored && e.Mailbox == DeviceAddress)
                    Say("mailbox", $"command mail stored for {DeviceAddress}");
                else if (e.Kind == MailEventKind.MessageStored && e.Mailbox == OperatorAddress && (e.Subject ?? "").StartsWith("Re:", StringComparison.Ordinal))
                {
                    replyArrived = true;
                    Say("mailbox", $"reply stored for {OperatorAddress}: \"{e.Subject}\"");
                }
                else if (_verbose)
                    Say("mailbox", e.ToString());
            }

            // Just before the alert fires (a degree short of the threshold), the cable is pulled.
            if (UnplugFor > TimeSpan.Zero && !unplugged && app.LastReading(0) > 29)
            {
                unplugged = true;
                await mailbox.StopAsync();
                unplugUntil = _clock.Elapsed + UnplugFor;
                Say("mailbox", $"UNPLUGGED for {UnplugFor.TotalSeconds:0} s: the alert must wait in the outbox, not be lost");
            }
            if (unplugged && !mailbox.IsRunning && _clock.Elapsed >= unplugUntil)
            {
                await mailbox.StartAsync();
                Say("mailbox", "plugged back in");
            }

            // The operator: once the alert is in, a signed command.
            if (alertCopies > 0 && commandId == null && mailbox.IsRunning)
            {
                commandSent = Stopwatch.GetTimestamp();
                commandId = operatorMail.Send(["relay relay1 on", "status"], $"Re: [{DeviceId}] please switch the fan relay on", NullLog.Instance);
                Say("operator", $"read the alert; mailed signed \"relay relay1 on\" and \"status\" as <{commandId}>");
            }

            var wake = app.NextWakeUtc - DateTime.UtcNow;
            var nap = wake < TimeSpan.FromMilliseconds(200) ? wake : TimeSpan.FromMilliseconds(200);
            // With IMAP IDLE the nap is the server's: the command mail ends it at once.
            if (nap > TimeSpan.Zero && !app.WaitForCommands(DateTime.UtcNow + nap)) await Task.Delay(nap);
            if (commandLatency == null && relay.Moves > 0 && commandSent != 0)
            {
                commandLatency = Stopwatch.GetElapsedTime(commandSent);
                Say("device", $"relay1 moved {commandLatency.Value.TotalMilliseconds:0} ms after the operator's send" + (Imap ? " (pushed by IDLE)" : " (found by a poll)"));
            }
        }

        // Let the last events in (the reply may be stored while we were asleep).
        while (_events.TryDequeue(out var e))
            if (e.Kind == MailEventKind.MessageStored && e.Mailbox == OperatorAddress && (e.Subject ?? "").StartsWith("Re:", StringComparison.Ordinal))
                replyArrived = true;
        var outcome = new Outcome(alertCopies > 0, alertCopies, relay.Moves == 1 && relay.On, relay.Moves, replyArrived, _clock.Elapsed) { CommandLatency = commandLatency };
        Summarise(outcome, mailbox, relay);
        await LingerAsync(app);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return outcome;
    }

    static GatewayConfig DeviceConfig(DevMailServer mailbox, string password, byte[] key, string store, bool imap)
    {
        var commands = imap ? $"""
            imap.host = 127.0.0.1
            imap.port = {mailbox.ImapsPort}
            imap.tls = implicit
            imap.user = {DeviceAddress}
            imap.password = {password}
            imap.ca = {mailbox.CaPemPath}
            imap.timeout = 5s
            """ : $"""
            pop3.host = 127.0.0.1
            pop3.port = {mailbox.Pop3sPort}
            pop3.tls = implicit
            pop3.user = {DeviceAddress}
            pop3.password = {password}
            pop3.ca = {mailbox.CaPemPath}
            pop3.interval = 2s
            pop3.timeout = 5s
            """;
        var text = $"""
            device.id = {DeviceId}
            smtp.host = 127.0.0.1
            smtp.port = {mailbox.SmtpPort}
            smtp.tls = starttls
            smtp.user = {DeviceAddress}
            smtp.password = {password}
            smtp.from = {DeviceAddress}
            smtp.from-name = Demo gateway
            smtp.ca = {mailbox.CaPemPath}
            smtp.timeout = 5s
            alert.to = {OperatorAddress}
            alert.retry = 1s
            alert.retry-max = 4s
            sensor.interval = 1s
            sensor.temperature.unit = °C
            sensor.temperature.sim = ramp 24 33 8s
            rule.temp-high.sensor = temperature
            rule.temp-high.above = 30
            rule.temp-high.hysteresis = 1
            {commands}
            command.key = {Convert.ToBase64String(key)}
            command.senders = {OperatorAddress}
            relay.relay1.sim = off
            store.path = {store}
            """;
        var parsed = GatewayConfig.Parse(text);
        if (!parsed.IsValid) throw new InvalidOperationException("the demo's own configuration is wrong: " + parsed);
        return parsed.Config!;
    }

    /// <summary>The operator's side of the demo as a configuration, the same one `gateway command --config` takes.</summary>
    static GatewayConfig OperatorConfig(DevMailServer mailbox, string password, byte[] key)
    {
        var text = $"""
            role = operator
            device.id = {DeviceId}
            smtp.host = 127.0.0.1
            smtp.port = {mailbox.SmtpPort}
            smtp.tls = starttls
            smtp.user = {OperatorAddress}
            smtp.password = {password}
            smtp.from = {OperatorAddress}
            smtp.from-name = Operator
            smtp.ca = {mailbox.CaPemPath}
            smtp.timeout = 5s
            command.key = {Convert.ToBase64String(key)}
            command.to = {DeviceAddress}
            """;
        var parsed = GatewayConfig.Parse(text);
        if (!parsed.IsValid) throw new InvalidOperationException("the demo's operator configuration is wrong: " + parsed);
        return parsed.Config!;
    }

    /// <summary>With <see cref="Linger"/>: the device goes on until it is cancelled, so the web page can still command it.</summary>
    async Task LingerAsync(GatewayApp app)
    {
        if (!Linger.CanBeCanceled) return;
        Say("demo", "the device keeps running for the web page (readings, polls, commands); Ctrl-C stops");
        double shown = app.LastReading(0);
        while (!Linger.IsCancellationRequested)
        {
            app.Tick();
            if (app.LastReading(0) != shown)
            {
                shown = app.LastReading(0);
                Reading?.Invoke("temperature", shown, "°C");
            }
            var wake = app.NextWakeUtc - DateTime.UtcNow;
            var nap = wake < TimeSpan.FromMilliseconds(200) ? wake : TimeSpan.FromMilliseconds(200);
            try
            {
                if (nap > TimeSpan.Zero && !app.WaitForCommands(DateTime.UtcNow + nap)) await Task.Delay(nap, Linger);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    static ISensor SimulatedSensorFrom(GatewayConfig config, IClock clock)
    {
        SimulatedSensor.TryParse("temperature", config.GetString("sensor.temperature.sim")!, "°C", clock.UtcNow, out var sim, out _);
        return new SimulatedSensorAdapter(sim!, clock);
    }

    void Summarise(Outcome o, DevMailServer mailbox, SimulatedRelay relay)
    {
        _out.WriteLine();
        _out.WriteLine("Summary");
        _out.WriteLine($"  alert delivered:       {(o.AlertArrived ? "yes" : "NO")}{(o.AlertCopies > 1 ? $" ({o.AlertCopies} copies, one Message-ID)" : "")}");
        _out.WriteLine($"  command ran once:      {(o.CommandRanOnce ? "yes" : "NO")} (relay1 moved {o.RelayMoves} time(s), now {relay.State})");
        _out.WriteLine($"  reply delivered:       {(o.ReplyArrived ? "yes" : "NO")}");
        if (o.CommandLatency is TimeSpan latency)
            _out.WriteLine($"  command latency:       {latency.TotalMilliseconds:0} ms from the operator's send ({(Imap ? "IMAP IDLE" : "POP3 poll every 2 s")})");
        _out.WriteLine($"  time:                  {o.Elapsed.TotalSeconds:0.0} s");
        _out.WriteLine(o.Succeeded ? "demo: ok" : "demo: FAILED (see the timeline above)");
        GC.KeepAlive(mailbox);
    }

    internal void Say(string actor, string text)
    {
        lock (_out)
            _out.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0}s  {actor,-8}  {text}");
        Said?.Invoke(actor, text);
    }

    /// <summary>The device's own log, put on the timeline: what it reads, queues, sends, polls and runs.</summary>
    sealed class TimelineLog(DemoScenario demo, bool verbose) : ILog
    {
        public bool IsEnabled(LogLevel level) => verbose || level >= LogLevel.Info;

        public void Write(LogLevel level, string text)
        {
            if (!IsEnabled(level)) return;
            demo.Say("device", level >= LogLevel.Warning ? level.ToString().ToLowerInvariant() + ": " + text : text);
        }
    }
}
