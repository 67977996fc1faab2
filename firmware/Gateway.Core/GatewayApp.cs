using System;
using System.Collections;
using Gateway.Core.Alerts;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Smtp;
using Gateway.Core.Text;

namespace Gateway.Core;

/// <summary>
/// The device's loop, the same on the ESP32 and on the host: every `sensor.interval` read the
/// sensors and run the rules; alerts go to the persistent outbox; the outbox is delivered when
/// something is due. One thread calls <see cref="Tick"/> and sleeps until <see cref="NextWakeUtc"/>;
/// a failure in one step is logged and retried, never the end of the loop.
/// </summary>
public sealed class GatewayApp
{
    readonly GatewayConfig _config;
    readonly IConnector _smtpConnector;
    readonly IClock _clock;
    readonly ILog _log;
    readonly ISensor[] _sensors;
    readonly AlertRule[] _rules;
    readonly MessageIds _ids;
    readonly string _heloName;
    readonly DateTime _started;
    readonly string _deviceId;
    readonly double[] _lastReadings;
    DateTime _nextRead;

    public GatewayApp(GatewayConfig config, IConnector smtpConnector, IStore store, IClock clock, ILog log, ISensor[] sensors, Random random, string heloName)
    {
        _config = config;
        _smtpConnector = smtpConnector;
        _clock = clock;
        _log = log;
        _sensors = sensors;
        _heloName = heloName;
        _deviceId = config.GetString("device.id") ?? "gateway";
        var errors = new ArrayList();
        _rules = AlertRules.FromConfig(config, errors);
        for (int i = 0; i < errors.Count; i++)
            _log.Write(LogLevel.Error, "configuration: " + (string)errors[i]!);
        _ids = new MessageIds(config.GetString("smtp.from") ?? "", random);
        var backoff = new Backoff(config.GetDurationMs("alert.retry"), config.GetDurationMs("alert.retry-max"), random);
        Outbox = new Outbox(store, clock, log, backoff, config.GetInt("alert.outbox-size"));
        _started = clock.UtcNow;
        _nextRead = _started;
        _lastReadings = new double[sensors.Length];
        for (int i = 0; i < _lastReadings.Length; i++) _lastReadings[i] = double.NaN;
    }

    public Outbox Outbox { get; }

    public AlertRule[] Rules => _rules;

    /// <summary>The last failure of a delivery, or "" when the last one worked.</summary>
    public string LastError { get; private set; } = "";

    public long UptimeMs => (_clock.UtcNow - _started).Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>The last value read from sensor <paramref name="index"/> (NaN before the first or after a failed read).</summary>
    public double LastReading(int index) => _lastReadings[index];

    /// <summary>When the loop wants to run again: the next sensor reading or the next retry, whichever is first.</summary>
    public DateTime NextWakeUtc
    {
        get
        {
            DateTime next = _nextRead;
            var entries = Outbox.Entries();
            for (int i = 0; i < entries.Length; i++)
                if (entries[i].NextAttemptUtc < next) next = entries[i].NextAttemptUtc;
            return next;
        }
    }

    /// <summary>One pass of the loop. Never throws for a failure of the network, a sensor or the server.</summary>
    public void Tick()
    {
        var now = _clock.UtcNow;
        if (now >= _nextRead)
        {
            _nextRead = now.AddTicks(_config.GetDurationMs("sensor.interval") * TimeSpan.TicksPerMillisecond);
            ReadSensors(now);
        }
        Deliver();
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
        var client = new SmtpClient(_smtpConnector, SmtpSettings.FromConfig(_config, _heloName), _log);
        var report = Outbox.DeliverDue(client, _config.GetString("smtp.from") ?? "", _config.GetString("smtp.from-name"));
        if (report.Error != null) LastError = report.Error.Message;
        else if (report.Sent > 0) LastError = "";
        return report;
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
}
