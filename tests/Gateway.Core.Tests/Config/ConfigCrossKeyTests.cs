using static Gateway.Core.Tests.Config.ConfigTestText;

namespace Gateway.Core.Tests.Config;

/// <summary>Rules between keys: what one key needs, and what two keys may not do together.</summary>
public class ConfigCrossKeyTests
{
    [Fact]
    public void Password_without_user_is_an_error()
    {
        var error = SingleError(Minimal + "smtp.password = s3cret\n", 5, "smtp.password");
        Assert.Equal("line 5: smtp.password: needs smtp.user, which is not set", error.ToString());
    }

    [Fact]
    public void Token_without_user_is_an_error()
    {
        var error = SingleError(Minimal + "smtp.token = ya29.tok\n", 5, "smtp.token");
        Assert.Equal("needs smtp.user, which is not set", error.Message);
    }

    [Fact]
    public void Password_and_token_together_are_one_error_on_the_later_line()
    {
        var error = SingleError(Minimal + "smtp.user = u\nsmtp.token = ya29.tok\nsmtp.password = s3cret\n", 7, "smtp.password");
        Assert.Equal("line 7: smtp.password: cannot be combined with smtp.token (line 6): set only one", error.ToString());
    }

    [Fact]
    public void Pop3_key_without_pop3_host_is_an_error()
    {
        var error = SingleError(Minimal + "pop3.interval = 5m\n", 5, "pop3.interval");
        Assert.Equal("needs pop3.host, which is not set", error.Message);
    }

    [Fact]
    public void Every_pop3_key_without_pop3_host_is_reported_on_its_line()
    {
        var result = Parse(Minimal + "pop3.port = 995\npop3.tls = implicit\n");
        Assert.Equal(2, result.Errors.Length);
        AssertNames(result.Errors[0], 5, "pop3.port");
        AssertNames(result.Errors[1], 6, "pop3.tls");
        Assert.All(result.Errors, e => Assert.Equal("needs pop3.host, which is not set", e.Message));
    }

    [Fact]
    public void Pop3_host_needs_a_user_and_a_command_key()
    {
        // The mailbox is only polled for commands, and commands must be signed.
        var result = Parse(Minimal + "pop3.host = pop.example.org\n");
        Assert.Equal(2, result.Errors.Length);
        AssertNames(result.Errors[0], 5, "pop3.host");
        Assert.Equal("needs pop3.user, which is not set", result.Errors[0].Message);
        AssertNames(result.Errors[1], 5, "pop3.host");
        Assert.Equal("needs command.key, which is not set", result.Errors[1].Message);
    }

    [Fact]
    public void Cross_key_errors_are_in_line_order_with_value_errors()
    {
        var result = Parse(Minimal + "smtp.password = s3cret\nsmtp.port = 0\n");
        Assert.Equal(new[] { 5, 6 }, result.Errors.Select(e => e.Line).ToArray());
    }

    [Fact]
    public void Pop3_with_everything_it_needs_is_accepted()
    {
        var config = ParseGood(Minimal + "pop3.host = pop.example.org\npop3.user = u\npop3.password = p\ncommand.key = "
            + ConfigValueTests.Key16 + "\n");
        Assert.Equal(995, config.GetInt("pop3.port"));
    }
}
