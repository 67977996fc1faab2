using System;
using Gateway.Core.Text;

namespace Gateway.App.Alerts;

/// <summary>The words of an alert or recovery mail: which device, sensor, value and unit, threshold, time and uptime.</summary>
public static class AlertText
{
    public static string Subject(AlertEvent e, string deviceId, AlertRule rule, double value, string unit)
    {
        string v = NumberFormat.Compact(value) + Unit(unit);
        if (e == AlertEvent.Recovery)
            return "[" + deviceId + "] recovered: " + rule.Sensor + " " + v;
        return "[" + deviceId + "] ALERT: " + rule.Sensor + " " + v + " is " + Side(rule) + " " + NumberFormat.Compact(rule.Threshold) + Unit(unit);
    }

    public static string Body(AlertEvent e, string deviceId, AlertRule rule, double value, string unit, DateTime nowUtc, long uptimeMs)
    {
        string what = e == AlertEvent.Recovery
            ? "is back within its limit (" + Side(rule) + " " + NumberFormat.Compact(rule.Threshold) + Unit(unit) + ", hysteresis " + NumberFormat.Compact(rule.Hysteresis) + ")."
            : "crossed its limit: " + Side(rule) + " " + NumberFormat.Compact(rule.Threshold) + Unit(unit) + ".";
        return rule.Sensor + " on " + deviceId + " " + what + "\r\n"
            + "\r\n"
            + "Device:  " + deviceId + "\r\n"
            + "Sensor:  " + rule.Sensor + "\r\n"
            + "Value:   " + NumberFormat.Compact(value) + Unit(unit) + "\r\n"
            + "Rule:    " + rule.Name + " (" + Side(rule) + " " + NumberFormat.Compact(rule.Threshold) + Unit(unit)
                + ", hysteresis " + NumberFormat.Compact(rule.Hysteresis) + ")\r\n"
            + "Time:    " + IsoTime.FormatReadable(nowUtc) + "\r\n"
            + "Uptime:  " + IsoTime.FormatDuration(uptimeMs) + "\r\n";
    }

    static string Side(AlertRule rule) => rule.Direction == AlertDirection.Above ? "above" : "below";

    static string Unit(string unit) => unit.Length == 0 ? "" : " " + unit;
}
