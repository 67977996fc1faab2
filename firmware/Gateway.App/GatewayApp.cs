using System.Collections;
using System;
using Gateway.App.Alerts;
using Gateway.App.Commands;
using Gateway.App.Delivery;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.App;

/// <summary>
/// The device's loop, the same on the ESP32 and on the host: every `sensor.interval` read the
/// sensors and run the rules; every `pop3.interval` poll for command mail and run what is signed;
/// alerts and replies go to the persistent outbox, delivered when due. <see cref="RunLoop"/> calls
/// <see cref="Tick"/> and sleeps until <see cref="NextWakeUtc"/> on every platform; a failure in one step
/// is logged and retried, never the end of the loop.
/// </summary>
public sealed class GatewayApp : IStatusProvider
{
    readonly GatewayConfig _config;
    readonly IConnector _smtpConnector;
    readonly IClock _clock;
    readonly ILog _log;
    readonly ISensor[] _sensors;
    readonly IActuator[] _actuators;
    readonly AlertRule[] _rules;
    readonly MessageIds _ids;
    readonly string _heloName;
    readonly DateTime _started;
    readonly string _deviceId;
    readonly double[] _lastReadings;
    readonly CommandSettings _settings;
    readonly CommandPoller? _poller;
    readonly ImapPoller? _imap; // instead of _poller when imap.* is set
    readonly SmtpClient _smtp; // one client, its buffers reused by every delivery
    DateTime _nextRead;
    DateTime _nextPoll;

    public GatewayApp(GatewayConfig config, IConnector smtpConnector, IConnector pop3Connector, IStore store, IClock clock, ILog log,
        ISensor[] sensors, IActuator[] actuators, Random random, string heloName)
    {
        _config = config;
        _smtpConnector = smtpConnector;
        _clock = clock;
        _log = log;
        _sensors = sensors;
        _actuators = actuators;
        _heloName = heloName;
        _deviceId = config.GetString("device.id") ?? "gateway";
        var errors = new ArrayList();
        _rules = AlertRules.FromConfig(config, errors);
        for (int i = 0; i < errors.Count; i++)
            _log.Write(LogLevel.Error, "configuration: " + (string)errors[i]!);
        _ids = new MessageIds(config.GetString("smtp.from") ?? "", random);
        var backoff = new Backoff(config.GetDurationMs("alert.retry"), config.GetDurationMs("alert.retry-max"), random);
        Outbox = new Outbox(store, clock, log, backoff, config.GetInt("alert.outbox-size"));
        _settings = new CommandSettings(config, store, log);
        // One line reader for both protocols: the loop never has an SMTP and a POP3 session open at once
        // (a poll ends before delivery starts), and each is 1 KB of the device's heap.
        var lines = new LineReader(SmtpLimits.MaxReplyLine > Pop3Limits.MaxLine ? SmtpLimits.MaxReplyLine : Pop3Limits.MaxLine);
        _smtp = new SmtpClient(_smtpConnector, SmtpSettings.FromConfig(_config, _heloName), _log, lines);
        _started = clock.UtcNow;
        _nextRead = _started;
        _nextPoll = _started;
        _lastReadings = new double[sensors.Length];
        for (int i = 0; i < _lastReadings.Length; i++) _lastReadings[i] = double.NaN;
        ApplySettings();
        _config.Changed += OnConfigChanged;

        var verifier = CommandVerifier.FromConfig(config);
        if ((config.IsSet("pop3.host") || config.IsSet("imap.host")) && verifier != null)
        {
            var journal = NonceJournal.Open(store, verifier.WindowMs, clock.UtcNow, log);
            var executor = new CommandExecutor(verifier, journal, actuators, this, _settings, log);
            if (config.IsSet("imap.host"))
                _imap = new ImapPoller(config, pop3Connector, store, clock, log, executor, Outbox, _ids, random);
            else
                _poller = new CommandPoller(config, pop3Connector, store, clock, log, executor, Outbox, _ids, lines);
        }
    }

    public Outbox Outbox { get; }

    public AlertRule[] Rules => _rules;

    public IActuator[] Actuators => _actuators;

    /// <summary>Whether command mail is polled (pop3.host and command.key set).</summary>
    public bool PollsCommands => _poller != null || _imap != null;

    /// <summary>The last failure of a delivery or a poll, or "" when the last ones worked.</summary>
    public string LastError { get; private set; } = "";

    /// <summary>A `reboot` command ran; the platform restarts once the replies are delivered.</summary>
    public bool RebootRequested { get; private set; }

    /// <summary>The last poll's report, or null before the first poll.</summary>
    public PollReport? LastPoll { get; private set; }

    public long UptimeMs => (_clock.UtcNow - _started).Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>The last value read from sensor <paramref name="index"/> (NaN before the first or after a failed read).</summary>
    public double LastReading(int index) => _lastReadings[index];

    /// <summary>When the loop wants to run again: the next reading, poll or retry, whichever is first.</summary>
    public DateTime NextWakeUtc
    {
        get
        {
            DateTime next = _nextRead;
            if (PollsCommands && _nextPoll < next) next = _nextPoll;
            if (_imap != null && _imap.NextConnectUtc < next) next = _imap.NextConnectUtc;
            var entries = Outbox.Entries();
            for (int i = 0; i < entries.Length; i++)
                if (entries[i].NextAttemptUtc < next) next = entries[i].NextAttemptUtc;
            return next;
        }
    }

    /// <summary>One pass of the loop. Never throws for a failure of the network, a sensor or a server.</summary>
    public void Tick()
    {
        var now = _clock.UtcNow;
        if (now >= _nextRead)
        {
            _nextRead = now.AddTicks(_config.GetDurationMs("sensor.interval") * TimeSpan.TicksPerMillisecond);
            ReadSensors(now);
        }
        // A lost IDLE session is a poll due once its backoff is over.
        if (PollsCommands && (now >= _nextPoll || (_imap != null && now >= _imap.NextConnectUtc)))
        {
            _nextPoll = now.AddTicks(_config.GetDurationMs(_imap != null ? "imap.interval" : "pop3.interval") * TimeSpan.TicksPerMillisecond);
            Poll();
        }
        Deliver();
    }

    /// <summary>One poll for command mail now (the `gateway poll` command, and the loop).</summary>
    public PollReport? Poll()
    {
        if (!PollsCommands) return null;
        var report = _imap != null ? _imap.Poll() : _poller!.Poll();
        Took(report);
        return report;
    }

    /// <summary>
    /// Waits for command mail until <paramref name="untilUtc"/> when the IMAP server pushes it (IDLE), and
    /// handles what arrives. False when it cannot wait that way: the platform sleeps as before.
    /// </summary>
    public bool WaitForCommands(DateTime untilUtc)
    {
        if (_imap == null) return false;
        var report = _imap.Wait(untilUtc, out bool waited);
        if (report != null) Took(report);
        return waited;
    }

    void Took(PollReport report)
    {
        LastPoll = report;
        if (report.Error != null) LastError = "poll: " + report.Error.Message;
        if (report.RebootRequested) RebootRequested = true;
    }

    /// <summary>Queues a free-form alert (the `gateway alert` command) with the same Message-ID rules as rule alerts.</summary>
    public OutboxEntry QueueAlert(string subject, string body)
    {
        var entry = new OutboxEntry(_ids.Next(_clock.UtcNow), _clock.UtcNow, _config.GetList("alert.to"), subject, body);
        Outbox.Add(entry);
        _log.Write(LogLevel.Info, "queued <" + entry.MessageId + ">: " + subject);
        return entry;
    }

    /// <summary>Delivers what is due now. Returns the report; failures are logged, and kept for retry.</summary>
    public OutboxReport Deliver()
    {
        var report = Outbox.DeliverDue(_smtp, _config.GetString("smtp.from") ?? "", _config.GetString("smtp.from-name"));
        if (report.Error != null) LastError = "delivery: " + report.Error.Message;
        else if (report.Sent > 0) LastError = "";
        return report;
    }

    /// <summary>The `status` command's answer: one line, no secrets.</summary>
    public string Status()
    {
        string s = _deviceId + " up " + IsoTime.FormatDuration(UptimeMs);
        for (int i = 0; i < _sensors.Length; i++)
            s += "; " + _sensors[i].Name + " " + NumberFormat.Compact(_lastReadings[i]) + (_sensors[i].Unit.Length > 0 ? " " + _sensors[i].Unit : "");
        for (int i = 0; i < _actuators.Length; i++)
            s += "; " + _actuators[i].Name + " " + _actuators[i].State;
        for (int i = 0; i < _rules.Length; i++)
            if (_rules[i].InAlarm) s += "; " + _rules[i].Name + " in alarm";
        s += "; outbox " + Ascii.FromInt(Outbox.Count) + " waiting";
        if (LastError.Length > 0) s += "; last error: " + LastError;
        return s;
    }

    void ReadSensors(DateTime now)
    {
        for (int s = 0; s < _sensors.Length; s++)
        {
            var sensor = _sensors[s];
            double value;
            bool ok;
            try
            {
                ok = sensor.TryRead(out value);
            }
            catch (Exception e)
            {
                // A driver fault must not stop the loop; the rule simply sees no value this time.
                _log.Write(LogLevel.Warning, "sensor " + sensor.Name + " failed: " + e.Message);
                ok = false;
                value = double.NaN;
            }
            if (!ok) value = double.NaN;
            _lastReadings[s] = value;
            if (_log.IsEnabled(LogLevel.Debug))
                _log.Write(LogLevel.Debug, "sensor " + sensor.Name + " = " + NumberFormat.Compact(value) + (sensor.Unit.Length > 0 ? " " + sensor.Unit : ""));
            for (int r = 0; r < _rules.Length; r++)
            {
                var rule = _rules[r];
                if (rule.Sensor != sensor.Name) continue;
                var e = rule.Evaluate(value, now);
                if (e == AlertEvent.Alarm || e == AlertEvent.Recovery)
                {
                    var entry = new OutboxEntry(_ids.Next(now), now, _config.GetList("alert.to"),
                        AlertText.Subject(e, _deviceId, rule, value, sensor.Unit),
                        AlertText.Body(e, _deviceId, rule, value, sensor.Unit, now, UptimeMs));
                    Outbox.Add(entry);
                    _log.Write(LogLevel.Info, (e == AlertEvent.Alarm ? "alert" : "recovery") + " queued <" + entry.MessageId + ">: " + entry.Subject);
                }
                else if (e == AlertEvent.Suppressed)
                {
                    _log.Write(LogLevel.Info, "rule " + rule.Name + ": alarm within its interval, not mailed");
                }
            }
        }
    }

    /// <summary>A setting changed by mail (an override in the configuration): rule limits are read again. Intervals are read when next used.</summary>
    void OnConfigChanged(string key)
    {
        if (Ascii.StartsWith(key, "rule.")) ApplySettings();
    }

    /// <summary>Rule limits as the configuration answers them now (the file's, or changed by `set` commands and kept in the store).</summary>
    void ApplySettings()
    {
        for (int i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            string p = "rule." + rule.Name + ".";
            string limit = p + (rule.Direction == AlertDirection.Above ? "above" : "below"), band = p + "hysteresis";
            double threshold = _config.Has(limit) ? _config.GetNumber(limit) : rule.Threshold;
            double hysteresis = _config.Has(band) ? _config.GetNumber(band) : rule.Hysteresis;
            if (threshold != rule.Threshold || hysteresis != rule.Hysteresis)
            {
                rule.Retune(threshold, hysteresis);
                _log.Write(LogLevel.Info, "rule " + rule.Name + " now " + NumberFormat.Compact(threshold) + " (hysteresis " + NumberFormat.Compact(hysteresis) + ")");
            }
        }
    }
}
