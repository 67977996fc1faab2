using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.Config;

/// <summary>The sample files under config/ stay valid as the schema changes.</summary>
public class SampleConfigTests
{
    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "config"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.Root, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_file_parses_without_errors(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, file));
        var result = GatewayConfig.Parse(bytes, 0, bytes.Length);
        Assert.True(result.IsValid, file + ":\n" + result);
    }

    [Fact]
    public void Mailrig_sample_points_at_the_local_rig()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", "mailrig.conf"));
        var c = GatewayConfig.Parse(bytes, 0, bytes.Length).Config!;
        Assert.Equal("demo-01", c.GetString("device.id"));
        Assert.Equal("127.0.0.1", c.GetString("smtp.host"));
        Assert.Equal(2587, c.GetInt("smtp.port"));
        Assert.Equal(TlsMode.StartTls, c.GetTlsMode("smtp.tls"));
        Assert.Equal("device@gateway.test", c.GetString("smtp.user"));
        Assert.Equal("device-pass", c.GetString("smtp.password"));
        Assert.Equal("/tmp/gateway-mailrig/ca.pem", c.GetString("smtp.ca"));
        Assert.Equal(1995, c.GetInt("pop3.port"));
        Assert.Equal(TlsMode.Implicit, c.GetTlsMode("pop3.tls"));
        Assert.Equal(new[] { "ops@gateway.test" }, c.GetList("alert.to"));
        Assert.Equal(new[] { "ops@gateway.test" }, c.GetList("command.senders"));
        Assert.Equal(32, c.GetBytes("command.key")!.Length);
    }
}
