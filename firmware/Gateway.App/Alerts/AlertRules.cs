using System.Collections;
using Gateway.Core.Config;
using Gateway.Core.Text;

namespace Gateway.App.Alerts;

/// <summary>Builds the alert rules from `rule.NAME.*` keys.</summary>
public static class AlertRules
{
    public const long DefaultIntervalMs = 10 * 60 * 1000;

    /// <summary>The rules; problems the schema cannot see (no direction, an undeclared sensor) go to <paramref name="errors"/>.</summary>
    public static AlertRule[] FromConfig(GatewayConfig c, ArrayList errors)
    {
        var names = c.GetNames("rule");
        var sensors = c.GetNames("sensor");
        var rules = new ArrayList();
        for (int i = 0; i < names.Length; i++)
        {
            string p = "rule." + names[i] + ".";
            string sensor = c.GetString(p + "sensor") ?? "";
            if (!Contains(sensors, sensor))
                errors.Add(p + "sensor: no sensor \"" + sensor + "\" is declared (sensor." + sensor + ".*)");
            AlertDirection direction;
            double threshold;
            if (c.IsSet(p + "above")) { direction = AlertDirection.Above; threshold = c.GetNumber(p + "above"); }
            else if (c.IsSet(p + "below")) { direction = AlertDirection.Below; threshold = c.GetNumber(p + "below"); }
            else
            {
                errors.Add(p + "above / " + p + "below: the rule needs one of them");
                continue;
            }
            double hysteresis = c.IsSet(p + "hysteresis") ? c.GetNumber(p + "hysteresis") : 0;
            if (hysteresis < 0)
            {
                errors.Add(p + "hysteresis: " + NumberFormat.Compact(hysteresis) + " is negative");
                continue;
            }
            long interval = c.IsSet(p + "interval") ? c.GetDurationMs(p + "interval") : DefaultIntervalMs;
            bool recovery = !c.IsSet(p + "recovery") || c.GetBool(p + "recovery");
            rules.Add(new AlertRule(names[i], sensor, direction, threshold, hysteresis, interval, recovery));
        }
        return (AlertRule[])rules.ToArray(typeof(AlertRule));
    }

    static bool Contains(string[] list, string s)
    {
        for (int i = 0; i < list.Length; i++)
            if (list[i] == s) return true;
        return false;
    }
}
