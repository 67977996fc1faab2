using System;
using Gateway.App.Alerts;
using Gateway.App.Delivery;

namespace Gateway.SelfTest.Vectors;

/// <summary>Alert rules, their text, and the outbox's stored form.</summary>
public static class AlertVectors
{
    static DateTime T0 => new DateTime(2026, 11, 27, 8, 0, 0);

    public static void Run(SelfTestRunner t)
    {
        t.Test("rule alarms once above the threshold", () =>
        {
            var r = new AlertRule("hot", "temp", AlertDirection.Above, 30, 1, 0, true);
            t.True(r.Evaluate(30, T0) == AlertEvent.None, "30 is not above 30");
            t.True(r.Evaluate(30.5, T0) == AlertEvent.Alarm, "alarm at 30.5");
            t.True(r.Evaluate(35, T0) == AlertEvent.None, "no second alarm");
        });
        t.Test("rule hysteresis: recovery only past the band", () =>
        {
            var r = new AlertRule("hot", "temp", AlertDirection.Above, 30, 1, 0, true);
            r.Evaluate(31, T0);
            t.True(r.Evaluate(29.5, T0) == AlertEvent.None, "29.5 is inside the band");
            t.True(r.Evaluate(29, T0) == AlertEvent.Recovery, "recovery at 29");
        });
        t.Test("rule minimum interval suppresses a quick second alarm", () =>
        {
            var r = new AlertRule("hot", "temp", AlertDirection.Above, 30, 0, 600000, true);
            r.Evaluate(31, T0);
            r.Evaluate(29, T0.AddMinutes(1));
            t.True(r.Evaluate(31, T0.AddMinutes(2)) == AlertEvent.Suppressed, "suppressed");
            t.Equal(1, r.SuppressedCount);
        });
        t.Test("below rule mirrors above", () =>
        {
            var r = new AlertRule("low", "batt", AlertDirection.Below, 3.3, 0.1, 0, true);
            t.True(r.Evaluate(3.2, T0) == AlertEvent.Alarm, "alarm below");
            t.True(r.Evaluate(3.45, T0) == AlertEvent.Recovery, "recovery above 3.4");
        });
        t.Test("alert subject says device, sensor, value, unit and threshold", () =>
        {
            var r = new AlertRule("hot", "temperature", AlertDirection.Above, 30, 1, 0, true);
            t.Equal("[dev-1] ALERT: temperature 31.25 °C is above 30 °C", AlertText.Subject(AlertEvent.Alarm, "dev-1", r, 31.25, "°C"));
        });
        t.Test("alert body says time and uptime", () =>
        {
            var r = new AlertRule("hot", "temperature", AlertDirection.Above, 30, 1, 0, true);
            var body = AlertText.Body(AlertEvent.Alarm, "dev-1", r, 31.25, "°C", T0, 90061000);
            t.True(body.IndexOf("Time:    2026-11-27 08:00:00 UTC\r\n") > 0, body);
            t.True(body.IndexOf("Uptime:  1d 1h 1m\r\n") > 0, body);
        });
        t.Test("outbox entry round trips and a torn copy is refused", () =>
        {
            var e = new OutboxEntry("1.a@gateway.test", T0, new[] { "ops@gateway.test" }, "Grüße", "body\r\n.dot");
            e.Attempts = 2;
            var bytes = OutboxCodec.Encode(e);
            string problem;
            var back = OutboxCodec.Decode(bytes, out problem);
            t.True(back != null, problem);
            t.Equal("Grüße", back == null ? "" : back.Subject);
            t.Equal(2, back == null ? -1 : back.Attempts);
            var torn = new byte[bytes.Length - 7];
            Array.Copy(bytes, torn, torn.Length);
            t.True(OutboxCodec.Decode(torn, out problem) == null && problem.Length > 0, "torn entry refused");
        });
        t.Test("backoff doubles within its jitter", () =>
        {
            var b = new Backoff(30000, 3600000, new Random(5));
            long d = b.DelayMs(3);
            t.True(d >= 96000 && d <= 144000, "third delay near 120 s");
            t.True(b.DelayMs(20) <= 4320000, "capped near 1 h");
        });
    }
}
