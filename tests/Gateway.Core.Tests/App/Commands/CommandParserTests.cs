using Gateway.App.Commands;

namespace Gateway.Core.Tests.App.Commands;

public class CommandParserTests
{
    [Theory]
    [InlineData("status", CommandKind.Status)]
    [InlineData("  PING  ", CommandKind.Ping)]
    [InlineData("Help", CommandKind.Help)]
    [InlineData("\treboot\t", CommandKind.Reboot)]
    public void Words_without_arguments_ignore_case_and_surrounding_blanks(string line, CommandKind kind) =>
        Assert.Equal(kind, CommandParser.Parse(line).Kind);

    [Fact]
    public void Get_takes_one_key_in_lower_case()
    {
        var c = CommandParser.Parse("GET  SMTP.Host");
        Assert.Equal(CommandKind.Get, c.Kind);
        Assert.Equal("smtp.host", c.Argument);
        Assert.Equal("get smtp.host", c.Label);
    }

    [Fact]
    public void Set_keeps_the_rest_of_the_line_as_the_value()
    {
        var c = CommandParser.Parse("set smtp.from-name   Boiler  room  ");
        Assert.Equal(CommandKind.Set, c.Kind);
        Assert.Equal("smtp.from-name", c.Argument);
        Assert.Equal("Boiler  room", c.Value);
    }

    [Theory]
    [InlineData("relay relay1 on", "relay1", "on")]
    [InlineData("Relay Pump OFF", "Pump", "off")]
    [InlineData("relay  fan  Toggle", "fan", "toggle")]
    public void Relay_takes_a_name_and_on_off_or_toggle(string line, string name, string action)
    {
        var c = CommandParser.Parse(line);
        Assert.Equal(CommandKind.Relay, c.Kind);
        Assert.Equal(name, c.Argument);
        Assert.Equal(action, c.Value);
        Assert.Equal(name + " " + action, c.Label);
    }

    [Theory]
    [InlineData("frobnicate", "frobnicate", "unknown command (try help)")]
    [InlineData("status now", "status", "status takes no arguments")]
    [InlineData("get", "get", "usage: get KEY")]
    [InlineData("get a b", "get", "usage: get KEY")]
    [InlineData("set pop3.interval", "set", "usage: set KEY VALUE")]
    [InlineData("relay relay1", "relay", "usage: relay NAME on|off|toggle")]
    [InlineData("relay relay1 dim", "relay1 dim", "usage: relay NAME on|off|toggle")]
    [InlineData("", "(empty)", "empty command")]
    public void Malformed_lines_are_invalid_commands_with_a_reason(string line, string label, string error)
    {
        var c = CommandParser.Parse(line);
        Assert.Equal(CommandKind.Invalid, c.Kind);
        Assert.Equal(label, c.Label);
        Assert.Equal(error, c.Error);
    }

    [Fact]
    public void An_unknown_word_is_echoed_short_and_printable_only()
    {
        var c = CommandParser.Parse("\u0007évil" + new string('x', 100));
        Assert.Equal(CommandKind.Invalid, c.Kind);
        Assert.True(c.Label.Length <= 35, c.Label);
        Assert.All(c.Label, ch => Assert.InRange(ch, ' ', '~'));
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(3);
        for (int i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (int k = 0; k < chars.Length; k++)
                chars[k] = random.Next(4) == 0 ? ' ' : (char)random.Next(0, 0x3000);
            var c = CommandParser.Parse(new string(chars));
            Assert.NotNull(c.Label);
        }
    }
}
