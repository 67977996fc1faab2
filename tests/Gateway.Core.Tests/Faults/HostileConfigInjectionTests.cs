using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using static Gateway.Core.Tests.Faults.HostileMailRig;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// Header injection (issue 8) through the values the gateway takes from its configuration and its
/// drivers into the headers of alerts: the device id, rule names, sensor names, the unit, the From
/// display name and the addresses. A configuration value is refused at parse time, with its line
/// named; what a driver returns (a sensor's unit) is encoded by the composer, and the alert carries
/// exactly the headers it should.
/// </summary>
public class HostileConfigInjectionTests
{
    const string Base = """
        smtp.host = fake
        smtp.tls = none
        sensor.interval = 10s
        """;

    static readonly string[] AlertHeaders =
        ["Date", "From", "To", "Subject", "Message-ID", "Auto-Submitted", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"];

    /// <summary>Each key whose value reaches a header of an alert, as "key = value" with the hostile text in place of "{0}".</summary>
    static readonly (string Key, string Line)[] Targets =
    [
        ("device.id", "device.id = boiler{0}"),
        ("rule name", "rule.hot{0}.sensor = temp"),
        ("rule.*.sensor", "rule.hot.sensor = temp{0}"),
        ("sensor.*.unit", "sensor.temp.unit = C{0}"),
        ("smtp.from-name", "smtp.from-name = Boiler{0}"),
        ("smtp.from", "smtp.from = boiler@gateway.test{0}"),
        ("alert.to", "alert.to = ops@gateway.test{0}"),
    ];

    static readonly (string Form, string Text)[] Forms =
    [
        ("bare CR", "\rBcc: evil@evil.test"),
        ("bare LF", "\nBcc: evil@evil.test"),
        ("CRLF", "\r\nBcc: evil@evil.test"),
        ("NUL", "\0Bcc: evil@evil.test"),
        ("folded", "\r\n Bcc: evil@evil.test"),
    ];

    /// <summary>The defaults of every target, so that each case changes exactly one of them.</summary>
    static readonly Dictionary<string, string> Defaults = new()
    {
        ["device.id"] = "device.id = boiler",
        ["rule name"] = "rule.hot.sensor = temp",
        ["rule.*.sensor"] = "rule.hot.sensor = temp",
        ["sensor.*.unit"] = "sensor.temp.unit = C",
        ["smtp.from-name"] = "smtp.from-name = Boiler",
        ["smtp.from"] = "smtp.from = boiler@gateway.test",
        ["alert.to"] = "alert.to = ops@gateway.test",
    };

    public static TheoryData<string, string> HostileConfigValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var (key, line) in Targets)
            foreach (var (form, text) in Forms)
                data.Add(key + ", " + form, line.Replace("{0}", text));
        return data;
    }

    /// <summary>A whole configuration with <paramref name="line"/> in place of the default for <paramref name="key"/>.</summary>
    static string ConfigWith(string key, string line)
    {
        var lines = Defaults.Where(d => d.Key != key && !(key.StartsWith("rule") && d.Key.StartsWith("rule"))).Select(d => d.Value).Distinct()
            .Append("rule.hot.above = 30").Append(line);
        return Base + "\n" + string.Join("\n", lines) + "\n";
    }

    [Theory]
    [MemberData(nameof(HostileConfigValues))]
    public void A_configuration_value_with_a_line_break_or_nul_is_refused_with_its_line(string form, string hostileLine)
    {
        var (key, clean) = Targets.Single(t => form.StartsWith(t.Key + ",", StringComparison.Ordinal));
        Assert.True(GatewayConfig.Parse(ConfigWith(key, clean.Replace("{0}", ""))).IsValid); // the same value, clean, is fine
        var text = ConfigWith(key, hostileLine);
        int hostileLineNo = text[..text.IndexOf(hostileLine, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var result = GatewayConfig.Parse(text);

        Assert.False(result.IsValid, form);
        Assert.Contains(result.Errors, e => e.Line == hostileLineNo || e.Line == hostileLineNo + 1);
        Assert.DoesNotContain('\r', result.ToString()); // the errors never echo the control characters
        Assert.DoesNotContain('\0', result.ToString());
    }

    sealed class HotSensor(string unit) : ISensor
    {
        public string Name => "temp";
        public string Unit => unit;
        public bool TryRead(out double value)
        {
            value = 31.5;
            return true;
        }
    }

    public static TheoryData<string, string> HostileUnits() => new()
    {
        { "bare CR", "C\rBcc: evil@evil.test" },
        { "bare LF", "C\nBcc: evil@evil.test" },
        { "CRLF", "C\r\nBcc: evil@evil.test" },
        { "NUL", "C\0Bcc: evil@evil.test" },
        { "folded", "C\r\n Bcc: evil@evil.test" },
        { "a lone dot line (the end of SMTP DATA)", "C\r\n.\r\nMAIL FROM:<evil@evil.test>" },
    };

    [Theory]
    [MemberData(nameof(HostileUnits))]
    public void A_sensor_unit_from_a_driver_stays_inside_the_alert_subject(string form, string unit)
    {
        var rig = new HostileMailRig();
        var app = rig.App(sensor: new HotSensor(unit));

        app.Tick(); // 31.5 is above 30: one alert, delivered in the same pass

        var alert = Assert.Single(rig.Sent(app));
        AssertHeaders(alert, AlertHeaders);
        Assert.Equal([Operator], alert.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(Unfolded("[boiler] ALERT: temp 31.5 " + unit + " is above 30 " + unit), alert.Subject);
        Assert.Equal(1, rig.Smtp.Connections); // one session, one message: the dot line did not end DATA early
        Assert.True(alert.TextBody!.Contains("Uptime:", StringComparison.Ordinal), form + ": the body was cut"); // its last line
    }

    [Fact]
    public void A_free_form_alert_subject_with_crlf_is_one_encoded_header()
    {
        var rig = new HostileMailRig();
        var app = rig.App();

        app.QueueAlert("door open\r\nBcc: evil@evil.test\r\n\r\nbody", "the door is open\r\n");

        var alert = Assert.Single(rig.Sent(app));
        AssertHeaders(alert, AlertHeaders);
        Assert.Equal("door openBcc: evil@evil.testbody", alert.Subject); // CR LF encoded, and dropped by MimeKit
        Assert.Equal("the door is open", alert.TextBody!.TrimEnd());
    }
}
