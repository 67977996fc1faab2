using System;

namespace Gateway.App.Alerts;

/// <summary>
/// One alert rule (`rule.NAME.*` in the configuration): a sensor, a threshold with a direction, a
/// hysteresis band so a value hovering at the threshold does not flap, and a minimum interval
/// between alerts. Its state lives in memory: after a restart a value still beyond the threshold
/// alerts once more (at least once, never silently).
/// </summary>
public sealed class AlertRule
{
    bool _hasAlerted;
    bool _alarmMailed;

    public AlertRule(string name, string sensor, AlertDirection direction, double threshold, double hysteresis, long minIntervalMs, bool sendRecovery)
    {
        if (hysteresis < 0) throw new ArgumentException("hysteresis must not be negative");
        Name = name;
        Sensor = sensor;
        Direction = direction;
        Threshold = threshold;
        Hysteresis = hysteresis;
        MinIntervalMs = minIntervalMs;
        SendRecovery = sendRecovery;
    }

    public string Name { get; }
    public string Sensor { get; }
    public AlertDirection Direction { get; }
    public double Threshold { get; private set; }
    public double Hysteresis { get; private set; }
    public long MinIntervalMs { get; }
    public bool SendRecovery { get; }

    public bool InAlarm { get; private set; }

    public DateTime LastAlertUtc { get; private set; }

    /// <summary>Alarms not mailed because they came within the minimum interval.</summary>
    public int SuppressedCount { get; private set; }

    /// <summary>New limits from a `set rule.NAME.above` command; the alarm state is kept and judged by them from the next reading.</summary>
    public void Retune(double threshold, double hysteresis)
    {
        if (hysteresis < 0) throw new ArgumentException("hysteresis must not be negative");
        Threshold = threshold;
        Hysteresis = hysteresis;
    }

    public AlertEvent Evaluate(double value, DateTime nowUtc)
    {
        if (double.IsNaN(value))
            return AlertEvent.None;
        bool beyond = Direction == AlertDirection.Above ? value > Threshold : value < Threshold;
        bool cleared = Direction == AlertDirection.Above ? value <= Threshold - Hysteresis : value >= Threshold + Hysteresis;

        if (!InAlarm && beyond)
        {
            InAlarm = true;
            if (_hasAlerted && (nowUtc - LastAlertUtc).Ticks < MinIntervalMs * TimeSpan.TicksPerMillisecond)
            {
                _alarmMailed = false;
                SuppressedCount++;
                return AlertEvent.Suppressed;
            }
            _hasAlerted = true;
            _alarmMailed = true;
            LastAlertUtc = nowUtc;
            return AlertEvent.Alarm;
        }
        if (InAlarm && cleared)
        {
            InAlarm = false;
            if (SendRecovery && _alarmMailed)
            {
                _alarmMailed = false;
                return AlertEvent.Recovery;
            }
        }
        return AlertEvent.None;
    }
}
