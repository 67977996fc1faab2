using Gateway.Core.Config;
using Gateway.Core.Net;
using static Gateway.Core.Tests.Config.ConfigTestText;

namespace Gateway.Core.Tests.Config;

/// <summary>A parsed configuration: typed values, defaults, and the masked dump.</summary>
public class GatewayConfigTests
{
    static readonly byte[] CommandKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    static string FullFile() =>
        "# every key\r\n" +
        "device.id = boiler-room.2\r\n" +
        "smtp.host = smtp.example.org\r\n" +
        "smtp.port = 2465\r\n" +
        "smtp.tls = implicit\r\n" +
        "smtp.user = boiler@example.org\r\n" +
        "smtp.password = pa ss#1=\r\n" +
        "smtp.from = boiler@example.org\r\n" +
        "smtp.ca = /etc/gateway/ca.pem\r\n" +
        "smtp.allow-plain-auth = true\r\n" +
        "smtp.timeout = 45s\r\n" +
        "alert.to = ops@example.org, oncall@example.org\r\n" +
        "pop3.host = pop.example.org\r\n" +
        "pop3.port = 1995\r\n" +
        "pop3.tls = starttls\r\n" +
        "pop3.user = boiler\r\n" +
        "pop3.token = ya29.a0Af\r\n" +
        "pop3.ca = /etc/gateway/pop-ca.pem\r\n" +
        "pop3.interval = 2m\r\n" +
        "pop3.allow-plain-auth = false\r\n" +
        "pop3.timeout = 1500ms\r\n" +
        "command.key = " + Convert.ToBase64String(CommandKey) + "\r\n" +
        "command.senders = ops@example.org,admin@example.org\r\n" +
        "command.to = boiler@example.org\r\n" +
        "command.window = 1h\r\n" +
        "store.path = /var/lib/gateway\r\n";

    [Fact]
    public void Full_file_reads_every_key()
    {
        var c = ParseGood(FullFile());
        Assert.Equal("boiler-room.2", c.GetString("device.id"));
        Assert.Equal("smtp.example.org", c.GetString("smtp.host"));
        Assert.Equal(2465, c.GetInt("smtp.port"));
        Assert.Equal(TlsMode.Implicit, c.GetTlsMode("smtp.tls"));
        Assert.Equal("boiler@example.org", c.GetString("smtp.user"));
        Assert.Equal("pa ss#1=", c.GetString("smtp.password"));
        Assert.Equal("boiler@example.org", c.GetString("smtp.from"));
        Assert.Equal("/etc/gateway/ca.pem", c.GetString("smtp.ca"));
        Assert.True(c.GetBool("smtp.allow-plain-auth"));
        Assert.Equal(45_000, c.GetDurationMs("smtp.timeout"));
        Assert.Equal(new[] { "ops@example.org", "oncall@example.org" }, c.GetList("alert.to"));
        Assert.Equal("pop.example.org", c.GetString("pop3.host"));
        Assert.Equal(1995, c.GetInt("pop3.port"));
        Assert.Equal(TlsMode.StartTls, c.GetTlsMode("pop3.tls"));
        Assert.Equal("boiler", c.GetString("pop3.user"));
        Assert.Equal("ya29.a0Af", c.GetString("pop3.token"));
        Assert.Null(c.GetString("pop3.password"));
        Assert.Equal("/etc/gateway/pop-ca.pem", c.GetString("pop3.ca"));
        Assert.Equal(120_000, c.GetDurationMs("pop3.interval"));
        Assert.False(c.GetBool("pop3.allow-plain-auth"));
        Assert.Equal(1_500, c.GetDurationMs("pop3.timeout"));
        Assert.Equal(CommandKey, c.GetBytes("command.key"));
        Assert.Equal(new[] { "ops@example.org", "admin@example.org" }, c.GetList("command.senders"));
        Assert.Equal("boiler@example.org", c.GetString("command.to"));
        Assert.Equal(3_600_000, c.GetDurationMs("command.window"));
        Assert.Equal("/var/lib/gateway", c.GetString("store.path"));
    }

    [Fact]
    public void Full_file_round_trips_through_its_values()
    {
        var first = ParseGood(FullFile());
        var rewritten = string.Concat(first.Keys.Where(first.IsSet).Select(k => k + " = " + first.GetString(k) + "\n"));
        var second = ParseGood(rewritten);
        Assert.Equal(first.ToMaskedText(), second.ToMaskedText());
        Assert.Equal(first.Keys, second.Keys);
        foreach (var k in first.Keys)
            Assert.Equal(first.GetString(k), second.GetString(k));
    }

    [Fact]
    public void Masked_text_lists_every_key_in_table_order_with_defaults_marked()
    {
        var c = ParseGood(Minimal + "smtp.user = u\nsmtp.password = hunter2\ncommand.key = " + Convert.ToBase64String(CommandKey) + "\n");
        Assert.Equal(
            "device.id = dev-1\n" +
            "smtp.host = mail.example.org\n" +
            "smtp.port = 587  # default\n" +
            "smtp.tls = starttls  # default\n" +
            "smtp.user = u\n" +
            "smtp.password = ********\n" +
            "smtp.from = dev-1@example.org\n" +
            "smtp.allow-plain-auth = false  # default\n" +
            "smtp.timeout = 30s  # default\n" +
            "alert.to = ops@example.org\n" +
            "alert.outbox-size = 32  # default\n" +
            "alert.retry = 30s  # default\n" +
            "alert.retry-max = 1h  # default\n" +
            "sensor.interval = 10s  # default\n" +
            "pop3.port = 995  # default\n" +
            "pop3.tls = implicit  # default\n" +
            "pop3.interval = 60s  # default\n" +
            "pop3.apop = false  # default\n" +
            "pop3.allow-plain-auth = false  # default\n" +
            "pop3.timeout = 30s  # default\n" +
            "pop3.max-size = 65536  # default\n" +
            "pop3.delete-other = false  # default\n" +
            "imap.port = 993  # default\n" +
            "imap.tls = implicit  # default\n" +
            "imap.folder = INBOX  # default\n" +
            "imap.idle = true  # default\n" +
            "imap.keepalive = 5m  # default\n" +
            "imap.interval = 60s  # default\n" +
            "imap.timeout = 30s  # default\n" +
            "imap.max-size = 65536  # default\n" +
            "imap.delete-other = false  # default\n" +
            "imap.allow-plain-auth = false  # default\n" +
            "command.key = ********\n" +
            "command.window = 10m  # default\n" +
            "role = device  # default\n",
            c.ToMaskedText());
        Assert.Equal(c.ToMaskedText(), c.ToString());
    }

    [Fact]
    public void Defaults_apply_when_keys_are_absent()
    {
        var c = ParseGood(Minimal);
        Assert.Equal(TlsMode.StartTls, c.GetTlsMode("smtp.tls"));
        Assert.Equal(587, c.GetInt("smtp.port"));
        Assert.False(c.GetBool("smtp.allow-plain-auth"));
        Assert.Equal(30_000, c.GetDurationMs("smtp.timeout"));
        Assert.Equal(TlsMode.Implicit, c.GetTlsMode("pop3.tls"));
        Assert.Equal(995, c.GetInt("pop3.port"));
        Assert.Equal(60_000, c.GetDurationMs("pop3.interval"));
        Assert.Equal(30_000, c.GetDurationMs("pop3.timeout"));
        Assert.Equal(600_000, c.GetDurationMs("command.window"));
    }

    [Theory]
    [InlineData("starttls", 587)]
    [InlineData("implicit", 465)]
    [InlineData("none", 25)]
    [InlineData("NONE", 25)]
    public void Smtp_port_default_follows_smtp_tls(string tls, int port)
    {
        Assert.Equal(port, ParseGood(Minimal + "smtp.tls = " + tls + "\n").GetInt("smtp.port"));
    }

    [Theory]
    [InlineData("implicit", 995)]
    [InlineData("starttls", 110)]
    [InlineData("none", 110)]
    public void Pop3_port_default_follows_pop3_tls(string tls, int port)
    {
        var c = ParseGood(Minimal + "pop3.host = p.example.org\npop3.user = u\ncommand.key = " + ConfigValueTests.Key16
            + "\npop3.tls = " + tls + "\n");
        Assert.Equal(port, c.GetInt("pop3.port"));
    }

    [Fact]
    public void Set_port_wins_over_the_tls_default()
    {
        Assert.Equal(2525, ParseGood(Minimal + "smtp.tls = implicit\nsmtp.port = 2525\n").GetInt("smtp.port"));
    }

    [Fact]
    public void Has_IsSet_and_LineOf_tell_set_default_and_absent_apart()
    {
        var c = ParseGood(Minimal + "smtp.port = 2525\n");
        Assert.True(c.Has("smtp.port"));
        Assert.True(c.IsSet("smtp.port"));
        Assert.Equal(5, c.LineOf("smtp.port"));

        Assert.True(c.Has("smtp.timeout"));
        Assert.False(c.IsSet("smtp.timeout"));
        Assert.Equal(0, c.LineOf("smtp.timeout"));

        Assert.False(c.Has("smtp.user"));
        Assert.False(c.IsSet("smtp.user"));
        Assert.Null(c.GetString("smtp.user"));
        Assert.Null(c.GetBytes("command.key"));
        Assert.Empty(c.GetList("command.senders"));
    }

    [Fact]
    public void Reading_an_unknown_key_is_a_programming_error()
    {
        var c = ParseGood(Minimal);
        var e = Assert.Throws<ArgumentException>(() => c.GetString("smtp.prot"));
        Assert.Contains("smtp.prot", e.Message);
    }

    [Fact]
    public void Reading_a_key_as_another_kind_is_a_programming_error()
    {
        var c = ParseGood(Minimal);
        Assert.Throws<ArgumentException>(() => c.GetInt("smtp.host"));
        Assert.Throws<ArgumentException>(() => c.GetBool("smtp.timeout"));
        Assert.Throws<ArgumentException>(() => c.GetTlsMode("smtp.port"));
    }

    [Fact]
    public void Parse_errors_leave_no_config()
    {
        var result = Parse(Minimal + "smtp.port = x\n");
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Good_file_has_no_errors()
    {
        var result = Parse(Minimal);
        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal("ok", result.ToString());
    }
}
