using Gateway.Core.Config;

namespace Gateway.Core.Tests.Imap;

/// <summary>The imap.* keys: a device reads commands by IMAP or by POP3, never both.</summary>
public class ImapConfigTests
{
    const string Base = "device.id = dev-1\nsmtp.host = mail.example.org\nsmtp.from = dev-1@example.org\nalert.to = ops@example.org\n"
        + "command.key = MDEyMzQ1Njc4OWFiY2RlZg==\n";

    [Fact]
    public void Imap_and_pop3_together_are_refused_naming_both_keys()
    {
        var r = GatewayConfig.Parse(Base + "pop3.host = pop.example.org\npop3.user = u\nimap.host = imap.example.org\nimap.user = u\n");
        Assert.False(r.IsValid);
        var text = r.ToString();
        Assert.Contains("imap.host", text);
        Assert.Contains("pop3.host", text);
        Assert.Contains("cannot be combined", text);
    }

    [Fact]
    public void Imap_alone_has_its_defaults()
    {
        var r = GatewayConfig.Parse(Base + "imap.host = imap.example.org\nimap.user = u\nimap.password = p\nimap.tls = starttls\n");
        Assert.True(r.IsValid, r.ToString());
        var c = r.Config!;
        Assert.Equal(143, c.GetInt("imap.port"));
        Assert.Equal("INBOX", c.GetString("imap.folder"));
        Assert.True(c.GetBool("imap.idle"));
        Assert.Equal(300000, c.GetDurationMs("imap.keepalive"));
    }

    [Fact]
    public void A_keepalive_of_29_minutes_or_more_is_refused()
    {
        var r = GatewayConfig.Parse(Base + "imap.host = imap.example.org\nimap.user = u\nimap.keepalive = 30m\n");
        Assert.False(r.IsValid);
        Assert.Contains("imap.keepalive", r.ToString());
    }
}
