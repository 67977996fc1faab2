using Gateway.Core.Config;
using Gateway.Core.Tests.Support;

namespace Gateway.Host.Tests;

/// <summary>Each command reads the role it needs: an operator's file is refused by `run`, a device's by `command`; check-config takes both.</summary>
public class ConfigFileRoleTests
{
    static string Sample(string name) => Path.Combine(RepoPaths.Root, "config", name);

    [Fact]
    public void The_operator_sample_is_an_operators_file_without_alert_to()
    {
        var error = new StringWriter();
        var config = ConfigFile.Load(Sample("operator-mailrig.conf"), error, ConfigRole.Operator);
        Assert.True(config != null, error.ToString());
        Assert.Equal(ConfigRole.Operator, config!.Role);
        Assert.False(config.Has("alert.to"));
        Assert.DoesNotContain("alert.to", File.ReadAllText(Sample("operator-mailrig.conf")));
    }

    [Fact]
    public void A_device_command_refuses_an_operators_file_and_says_why()
    {
        var error = new StringWriter();
        Assert.Null(ConfigFile.Load(Sample("operator-mailrig.conf"), error));
        Assert.Contains("an operator's configuration (role = operator); this command reads a device's", error.ToString());
    }

    [Fact]
    public void The_operators_command_refuses_a_devices_file_and_says_what_it_needs()
    {
        var error = new StringWriter();
        Assert.Null(ConfigFile.Load(Sample("mailrig.conf"), error, ConfigRole.Operator));
        Assert.Contains("a device's configuration; this command reads an operator's (role = operator", error.ToString());
        Assert.DoesNotContain("ZGK++", error.ToString()); // no secret of the file in the message
    }

    [Theory]
    [InlineData("mailrig.conf", ConfigRole.Device)]
    [InlineData("operator-mailrig.conf", ConfigRole.Operator)]
    public void Check_config_reads_either_role(string file, ConfigRole role)
    {
        var error = new StringWriter();
        var config = ConfigFile.Load(Sample(file), error, role: null);
        Assert.True(config != null, error.ToString());
        Assert.Equal(role, config!.Role);
    }

    [Fact]
    public void The_operators_send_path_takes_an_operators_configuration_only()
    {
        var device = ConfigFile.Load(Sample("mailrig.conf"), TextWriter.Null)!;
        Assert.Null(Operator.OperatorMail.Create(device, out var why));
        Assert.StartsWith("a device's configuration: signing and sending commands needs an operator's (role = operator", why);

        var op = ConfigFile.Load(Sample("operator-mailrig.conf"), TextWriter.Null, ConfigRole.Operator)!;
        var sender = Operator.OperatorMail.Create(op, out why);
        Assert.NotNull(sender);
        Assert.Equal("device@gateway.test", sender!.To);
        Assert.Equal("demo-01", sender.DeviceId);
    }
}
