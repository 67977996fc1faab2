using Gateway.Core.Config;
using static Gateway.Core.Tests.Config.ConfigTestText;

namespace Gateway.Core.Tests.Config;

/// <summary>A file says whose it is (role = device | operator); each role takes and requires its own keys.</summary>
public class ConfigRoleTests
{
    const string Key = "ZGK++FtW18gUA4XMUyJdEJlQ9vrfvXEPpoVdqFTXXVI=";

    /// <summary>What an operator needs and no more: the device it commands, the key, the device's address, its own SMTP account.</summary>
    const string Operator =
        "role = operator\n" +
        "device.id = dev-1\n" +
        "command.key = " + Key + "\n" +
        "command.to = dev-1@example.org\n" +
        "smtp.host = mail.example.org\n" +
        "smtp.from = ops@example.org\n";

    [Fact]
    public void A_file_without_role_is_a_devices()
    {
        Assert.Equal(ConfigRole.Device, ParseGood(Minimal).Role);
        Assert.Equal(ConfigRole.Device, ParseGood(Minimal + "role = device\n").Role);
    }

    [Fact]
    public void An_operators_file_needs_no_alert_to()
    {
        var c = ParseGood(Operator);
        Assert.Equal(ConfigRole.Operator, c.Role);
        Assert.Equal("dev-1@example.org", c.GetString("command.to"));
        Assert.Equal(32, c.GetBytes("command.key")!.Length);
    }

    [Fact]
    public void An_operators_file_may_name_its_pop3_mailbox_for_replies()
    {
        ParseGood(Operator + "pop3.host = mail.example.org\npop3.user = ops@example.org\npop3.password = p\n");
    }

    [Theory]
    [InlineData("alert.to = ops@example.org", "alert.to")]
    [InlineData("sensor.interval = 5s", "sensor.interval")]
    [InlineData("rule.hot.sensor = t", "rule.hot.sensor")]
    [InlineData("command.senders = ops@example.org", "command.senders")]
    public void A_devices_key_in_an_operators_file_is_refused_by_name(string line, string key)
    {
        var error = SingleError(Operator + line + "\n", 7, key);
        Assert.Contains("not a key of an operator's file (role = operator)", error.Message);
    }

    [Theory]
    [InlineData("command.key")]
    [InlineData("command.to")]
    [InlineData("device.id")]
    [InlineData("smtp.host")]
    public void An_operators_file_must_name_what_it_signs_and_sends_with(string key)
    {
        string text = string.Concat(Operator.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(key + " ")).Select(l => l + "\n"));
        var result = Parse(text);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains("required key is missing", error.Message);
    }

    [Fact]
    public void A_device_needs_no_command_to()
    {
        ParseGood(Minimal);
    }

    [Fact]
    public void A_role_is_device_or_operator()
    {
        var error = SingleError(Minimal + "role = admin\n", 5, "role");
        Assert.Contains("is not a role (device or operator)", error.Message);
    }

    [Fact]
    public void An_operators_masked_text_lists_only_its_keys()
    {
        var text = ParseGood(Operator).ToMaskedText();
        Assert.Contains("role = operator\n", text);
        Assert.Contains("command.key = ********\n", text);
        Assert.DoesNotContain("alert.", text);
        Assert.DoesNotContain("sensor.", text);
        Assert.DoesNotContain(Key, text);
    }
}
