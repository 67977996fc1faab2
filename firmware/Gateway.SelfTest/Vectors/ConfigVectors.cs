using Gateway.Core.Config;
using Gateway.Core.Net;

namespace Gateway.SelfTest.Vectors;

/// <summary>The configuration parser: a good file and each kind of error, named by line and key.</summary>
public static class ConfigVectors
{
    const string Good = "device.id = dev-1\nsmtp.host = mail.example.org\nsmtp.tls = implicit\nsmtp.user = dev\nsmtp.password = s3cret#1\n"
        + "smtp.from = dev-1@example.org\nalert.to = a@example.org, b@example.org\nsmtp.timeout = 45s\n";

    static string Errors(string text) => GatewayConfig.Parse(text).ToString();

    public static void Run(SelfTestRunner t)
    {
        t.Test("config reads a good file with defaults", () =>
        {
            var r = GatewayConfig.Parse(Good);
            t.True(r.IsValid, r.ToString());
            var c = r.Config!;
            t.Equal(465, c.GetInt("smtp.port"));
            t.True(c.GetTlsMode("smtp.tls") == TlsMode.Implicit, "tls implicit");
            t.Equal(45000, c.GetDurationMs("smtp.timeout"));
            t.Equal(2, c.GetList("alert.to").Length);
            t.Equal("s3cret#1", c.GetString("smtp.password") ?? "");
        });
        t.Test("config names a duplicate key with both lines", () =>
        {
            var e = Errors(Good + "smtp.host = other\n");
            t.True(e.IndexOf("line 9: smtp.host") >= 0 && e.IndexOf("line 2") >= 0, e);
        });
        t.Test("config suggests the key one edit away", () =>
        {
            var e = Errors(Good + "smtp.prot = 25\n");
            t.True(e.IndexOf("line 9") >= 0 && e.IndexOf("smtp.port") >= 0, e);
        });
        t.Test("config refuses a port out of range", () =>
        {
            var e = Errors(Good + "pop3.host = h\npop3.user = u\ncommand.key = AAAAAAAAAAAAAAAAAAAAAA==\npop3.port = 70000\n");
            t.True(e.IndexOf("pop3.port") >= 0 && e.IndexOf("70000") >= 0, e);
        });
        t.Test("config refuses a duration without a unit", () =>
        {
            var e = Errors("device.id = d\nsmtp.host = h\nsmtp.from = a@b.c\nalert.to = a@b.c\nsmtp.timeout = 30\n");
            t.True(e.IndexOf("line 5: smtp.timeout") >= 0 && e.IndexOf("unit") >= 0, e);
        });
        t.Test("config names a missing required key", () =>
        {
            var e = Errors("device.id = d\nsmtp.host = h\nalert.to = a@b.c\n");
            t.True(e.IndexOf("smtp.from") >= 0 && e.IndexOf("missing") >= 0, e);
        });
        t.Test("config never shows a secret value", () =>
        {
            var e = Errors("device.id = d\nsmtp.host = h\nsmtp.from = a@b.c\nalert.to = a@b.c\nsmtp.password = hunter2-value\ncommand.key = hunter3-value!\nhunter4-value\n");
            t.True(e.IndexOf("hunter") < 0, e);
            t.True(e.IndexOf("line 5") >= 0 && e.IndexOf("line 6") >= 0 && e.IndexOf("line 7") >= 0, e);
        });
        t.Test("config reads decimal numbers without culture", () =>
        {
            double v;
            t.True(ConfigValues.TryParseNumber("-2.25", out v) && v == -2.25, "-2.25");
            t.True(!ConfigValues.TryParseNumber("2,5", out v), "comma refused");
            t.True(!ConfigValues.TryParseNumber("1e3", out v), "exponent refused");
        });
    }
}
