using Gateway.Core.Config;
using Gateway.Core.Net;
using static Gateway.Core.Tests.Config.ConfigTestText;

namespace Gateway.Core.Tests.Config;

/// <summary>Each kind of value: what it accepts, and the error (line, key, value) when it does not.</summary>
public class ConfigValueTests
{
    [Fact]
    public void Port_out_of_range_names_line_key_and_value()
    {
        var error = SingleError(Minimal + "smtp.user = u\n\nsmtp.port = 70000\n", 7, "smtp.port");
        Assert.Equal("line 7: smtp.port: \"70000\" is not a port (1-65535)", error.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-25")]
    [InlineData("+25")]
    [InlineData("25x")]
    [InlineData("2 5")]
    [InlineData("99999999999999999999")]
    [InlineData("٢٥")] // Arabic-Indic digits: char.IsDigit would take them
    public void Bad_port_is_an_error(string value)
    {
        var error = SingleError(Minimal + "pop3.host = pop.example.org\npop3.user = u\ncommand.key = " + Key16 + "\npop3.port = " + value + "\n", 8, "pop3.port");
        Assert.Contains("is not a port (1-65535)", error.Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("65535", 65535)]
    [InlineData("0025", 25)]
    public void Port_reads_plain_decimals(string value, int port)
    {
        Assert.Equal(port, ParseGood(Minimal + "smtp.port = " + value + "\n").GetInt("smtp.port"));
    }

    [Theory]
    [InlineData("1500ms", 1_500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1000ms", 1_000)]
    [InlineData("45 S", 45_000)]
    public void Duration_reads_a_number_and_a_unit(string value, int ms)
    {
        Assert.Equal(ms, ParseGood(Minimal + "smtp.timeout = " + value + "\n").GetDurationMs("smtp.timeout"));
    }

    [Fact]
    public void Duration_in_milliseconds_reads_below_a_second()
    {
        Assert.Null(ConfigValues.ParseDurationMs("500ms", out int ms));
        Assert.Equal(500, ms);
    }

    [Theory]
    [InlineData("30", "has no unit")]
    [InlineData("-5s", "is negative")]
    [InlineData("1.5s", "is not a duration")]
    [InlineData("s", "is not a duration")]
    [InlineData("30 sec", "is not a duration")]
    [InlineData("10d", "is not a duration")]
    [InlineData("99999999999h", "is too long")]
    [InlineData("2147483648ms", "is too long")]
    [InlineData("999999h", "is too long")]    // fits an int as hours, not as milliseconds
    [InlineData("999ms", "is shorter than the least allowed, 1s")]
    [InlineData("2h", "is longer than the most allowed, 1h")]
    public void Bad_duration_is_an_error(string value, string why)
    {
        var error = SingleError(Minimal + "smtp.timeout = " + value + "\n", 5, "smtp.timeout");
        Assert.StartsWith("\"" + value + "\" " + why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", TlsMode.None)]
    [InlineData("starttls", TlsMode.StartTls)]
    [InlineData("implicit", TlsMode.Implicit)]
    [InlineData("STARTTLS", TlsMode.StartTls)]
    public void Tls_mode_reads_its_three_names(string value, TlsMode mode)
    {
        Assert.Equal(mode, ParseGood(Minimal + "smtp.tls = " + value + "\n").GetTlsMode("smtp.tls"));
    }

    [Theory]
    [InlineData("ssl")]
    [InlineData("tls")]
    [InlineData("true")]
    public void Bad_tls_mode_is_an_error(string value)
    {
        var error = SingleError(Minimal + "smtp.tls = " + value + "\n", 5, "smtp.tls");
        Assert.Equal("\"" + value + "\" is not a TLS mode (none, starttls or implicit)", error.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", true)]
    public void Bool_reads_true_and_false(string value, bool expected)
    {
        Assert.Equal(expected, ParseGood(Minimal + "smtp.allow-plain-auth = " + value + "\n").GetBool("smtp.allow-plain-auth"));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("on")]
    public void Bad_bool_is_an_error(string value)
    {
        var error = SingleError(Minimal + "smtp.allow-plain-auth = " + value + "\n", 5, "smtp.allow-plain-auth");
        Assert.Equal("\"" + value + "\" is not true or false", error.Message);
    }

    [Theory]
    [InlineData("ops")]
    [InlineData("ops@")]
    [InlineData("@example.org")]
    [InlineData("ops@@example.org")]
    [InlineData("ops@exa@mple.org")]
    [InlineData("<ops@example.org>")]
    [InlineData("Ops <ops@example.org>")]
    [InlineData("ops @example.org")]
    public void Bad_address_is_an_error(string value)
    {
        var error = SingleError(Minimal + "command.to = " + value + "\n", 5, "command.to");
        Assert.Equal("\"" + value + "\" is not a mail address (local@domain)", error.Message);
    }

    [Fact]
    public void Address_list_is_split_at_commas_and_trimmed()
    {
        var config = ParseGood(Minimal.Replace("alert.to = ops@example.org", "alert.to = a@example.org ,b@example.org,  c@example.org"));
        Assert.Equal(new[] { "a@example.org", "b@example.org", "c@example.org" }, config.GetList("alert.to"));
    }

    [Fact]
    public void Bad_item_in_an_address_list_is_named()
    {
        var error = SingleError(Minimal + "command.senders = a@example.org, nobody\n", 5, "command.senders");
        Assert.Equal("item 2 (\"nobody\") is not a mail address (local@domain)", error.Message);
    }

    [Fact]
    public void Empty_item_in_an_address_list_is_an_error()
    {
        var error = SingleError(Minimal + "command.senders = a@example.org,\n", 5, "command.senders");
        Assert.Contains("has an empty item 2", error.Message);
    }

    [Theory]
    [InlineData("dev 1")]
    [InlineData("dev/1")]
    [InlineData("dév")]
    public void Bad_device_id_is_an_error(string value)
    {
        var error = SingleError(Minimal.Replace("device.id = dev-1", "device.id = " + value), 1, "device.id");
        Assert.StartsWith("\"" + value + "\" is not an identifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_id_longer_than_64_is_an_error()
    {
        SingleError(Minimal.Replace("device.id = dev-1", "device.id = " + new string('a', 65)), 1, "device.id");
    }

    [Theory]
    [InlineData("mail.example.org")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    public void Host_accepts_names_and_ip_literals(string value)
    {
        Assert.Equal(value, ParseGood(Minimal.Replace("smtp.host = mail.example.org", "smtp.host = " + value)).GetString("smtp.host"));
    }

    [Theory]
    [InlineData("mail example.org")]
    [InlineData("smtp://mail.example.org")]
    [InlineData("user@mail.example.org")]
    [InlineData("[::1]")]
    public void Bad_host_is_an_error(string value)
    {
        var error = SingleError(Minimal.Replace("smtp.host = mail.example.org", "smtp.host = " + value), 2, "smtp.host");
        Assert.Equal("\"" + value + "\" is not a host name or IP address", error.Message);
    }

    [Fact]
    public void Command_key_decodes_from_base64()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var config = ParseGood(Minimal + "command.key = " + Convert.ToBase64String(key) + "\n");
        Assert.Equal(key, config.GetBytes("command.key"));
    }

    [Fact]
    public void Bad_base64_command_key_is_an_error()
    {
        var error = SingleError(Minimal + "command.key = not*base64!\n", 5, "command.key");
        Assert.Equal("the value is not valid base64", error.Message);
    }

    [Fact]
    public void Short_command_key_is_an_error()
    {
        var error = SingleError(Minimal + "command.key = " + Convert.ToBase64String(new byte[8]) + "\n", 5, "command.key");
        Assert.Equal("the value decodes to 8 bytes; at least 16 are needed", error.Message);
    }

    [Fact]
    public void Long_values_are_cut_in_messages()
    {
        var value = new string('9', 200);
        var error = SingleError(Minimal + "smtp.port = " + value + "\n", 5, "smtp.port");
        Assert.Equal("\"" + new string('9', 60) + "...\" is not a port (1-65535)", error.Message);
    }

    /// <summary>16 zero bytes: the shortest command key accepted.</summary>
    internal static readonly string Key16 = Convert.ToBase64String(new byte[16]);
}
