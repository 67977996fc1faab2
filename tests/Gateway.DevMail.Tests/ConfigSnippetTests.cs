using System.Text;
using Gateway.Core.Config;

namespace Gateway.DevMail.Tests;

/// <summary>What `gateway mailbox` prints must be a configuration the gateway accepts as it is.</summary>
public sealed class ConfigSnippetTests
{
    const string Rest = "device.id = devmail-test\nalert.to = ops@gateway.local\ncommand.key = ZGK++FtW18gUA4XMUyJdEJlQ9vrfvXEPpoVdqFTXXVI=\ncommand.senders = ops@gateway.local\ncommand.to = device@gateway.local\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_config_snippet_parses_with_the_gateway_schema(bool tls)
    {
        await using var box = await TestMailbox.StartAsync(tls);
        var snippet = box.Server.ConfigSnippet(box.Server.Options.Users[0]);
        var bytes = Encoding.UTF8.GetBytes(snippet + Rest);
        var result = GatewayConfig.Parse(bytes, 0, bytes.Length);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(box.Server.SmtpPort.ToString(), result.Config!.GetString("smtp.port"));
        Assert.Equal(tls ? "implicit" : "none", result.Config.GetString("pop3.tls"));
    }
}
