using Gateway.Core.Config;
using static Gateway.Core.Tests.Config.ConfigTestText;

namespace Gateway.Core.Tests.Config;

/// <summary>The file's syntax: lines, comments, trimming, line ends, BOM, and malformed lines.</summary>
public class ConfigSyntaxTests
{
    [Fact]
    public void Comments_and_blank_lines_are_skipped()
    {
        var config = ParseGood("# the gateway\n\n   # indented comment\n\t\n" + Minimal + "\n# end\n");
        Assert.Equal("dev-1", config.GetString("device.id"));
    }

    [Fact]
    public void Hash_after_a_value_is_part_of_the_value()
    {
        // Passwords may contain '#': only a line that starts with '#' is a comment.
        var config = ParseGood(Minimal + "smtp.user = dev\nsmtp.password = pa#ss # word\n");
        Assert.Equal("pa#ss # word", config.GetString("smtp.password"));
    }

    [Fact]
    public void Key_and_value_are_trimmed_of_spaces_and_tabs()
    {
        var config = ParseGood(Minimal + "  \tsmtp.user\t =   dev user \t\n");
        Assert.Equal("dev user", config.GetString("smtp.user"));
    }

    [Fact]
    public void Value_may_contain_equals_signs()
    {
        var config = ParseGood(Minimal + "smtp.user = dev\nsmtp.password = a=b==\n");
        Assert.Equal("a=b==", config.GetString("smtp.password"));
    }

    [Fact]
    public void Keys_are_case_insensitive()
    {
        var config = ParseGood(Minimal + "SMTP.Port = 2525\n");
        Assert.Equal(2525, config.GetInt("smtp.port"));
    }

    [Fact]
    public void Crlf_line_ends_are_read_like_lf()
    {
        var config = ParseGood(Minimal.Replace("\n", "\r\n") + "smtp.port = 2525\r\n# comment\r\n");
        Assert.Equal("mail.example.org", config.GetString("smtp.host"));
        Assert.Equal(2525, config.GetInt("smtp.port"));
    }

    [Fact]
    public void Crlf_file_errors_keep_their_line_numbers()
    {
        SingleError(Minimal.Replace("\n", "\r\n") + "\r\nsmtp.port = x\r\n", 6, "smtp.port");
    }

    [Fact]
    public void Last_line_without_a_line_end_is_read()
    {
        var config = ParseGood(Minimal + "smtp.port = 2525");
        Assert.Equal(2525, config.GetInt("smtp.port"));
    }

    [Fact]
    public void Utf8_bom_is_skipped()
    {
        var config = ParseGood("\uFEFF" + Minimal);
        Assert.Equal("dev-1", config.GetString("device.id"));
    }

    [Fact]
    public void Utf8_bytes_with_bom_parse()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Minimal + "smtp.user = jürgen\r\n")).ToArray();
        var result = GatewayConfig.Parse(bytes, 0, bytes.Length);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("jürgen", result.Config!.GetString("smtp.user"));
    }

    [Fact]
    public void Line_without_equals_names_the_line_and_not_its_text()
    {
        var error = SingleError(Minimal + "just some words\n", 5, "");
        Assert.Contains("no '='", error.Message);
        Assert.DoesNotContain("words", error.ToString());
    }

    [Fact]
    public void Line_without_equals_names_a_known_key_at_its_start()
    {
        var error = SingleError(Minimal + "smtp.port 2525\n", 5, "smtp.port");
        Assert.DoesNotContain("2525", error.ToString());
    }

    [Fact]
    public void Empty_key_is_an_error()
    {
        var error = SingleError(Minimal + " = value\n", 5, "");
        Assert.Contains("no key", error.Message);
    }

    [Fact]
    public void Malformed_key_is_reported_without_repeating_it()
    {
        // "smtp.password hunter2 = x" would repeat the password if the key were shown.
        var error = SingleError(Minimal + "smtp.password hunter2 = x\n", 5, "");
        Assert.Contains("malformed key", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public void Empty_value_is_an_error()
    {
        var error = SingleError(Minimal + "smtp.user =\n", 5, "smtp.user");
        Assert.Contains("no value", error.Message);
    }

    [Fact]
    public void Control_character_in_a_value_is_an_error()
    {
        // A lone CR inside a line could end an SMTP command early.
        var error = SingleError(Minimal + "smtp.user = dev\rRCPT TO:<x@y>\n", 5, "smtp.user");
        Assert.Contains("control character", error.Message);
        Assert.DoesNotContain("RCPT", error.ToString());
    }

    [Fact]
    public void Unknown_key_is_an_error()
    {
        var error = SingleError(Minimal + "smtp.colour = blue\n", 5, "smtp.colour");
        Assert.Equal("line 5: smtp.colour: unknown key", error.ToString());
    }

    [Fact]
    public void Unknown_key_outside_the_known_groups_is_not_repeated()
    {
        // A password pasted alone, "hunter2=x", reads as the key "hunter2".
        var error = SingleError(Minimal + "hunter2=x\n", 5, "");
        Assert.Equal("line 5: unknown key (not shown in case it is part of a secret; keys begin with device, smtp, alert, sensor, rule, pop3, relay, imap, command, net, store, role)",
            error.ToString());
    }

    [Theory]
    [InlineData("smtp.prot", "smtp.port")]      // swapped neighbours
    [InlineData("smtp.hots", "smtp.host")]
    [InlineData("smtp.pasword", "smtp.password")] // a letter missing
    [InlineData("alert.too", "alert.to")]        // a letter too many
    [InlineData("pop3.tsl", "pop3.tls")]
    [InlineData("device.ip", "device.id")]       // a letter replaced
    public void Unknown_key_one_edit_away_suggests_the_known_key(string typo, string known)
    {
        var error = SingleError(Minimal + typo + " = 1\n", 5, typo);
        Assert.Equal("unknown key (did you mean " + known + "?)", error.Message);
    }

    [Fact]
    public void Unknown_key_two_edits_away_gets_no_suggestion()
    {
        var error = SingleError(Minimal + "smtp.prt0 = 1\n", 5, "smtp.prt0");
        Assert.Equal("unknown key", error.Message);
    }

    [Fact]
    public void Duplicate_key_names_both_lines()
    {
        var error = SingleError(Minimal + "smtp.port = 2525\nsmtp.user = u\nsmtp.port = 2526\n", 7, "smtp.port");
        Assert.Equal("line 7: smtp.port: duplicate key: already set on line 5 (this line is ignored)", error.ToString());
    }

    [Fact]
    public void Duplicate_key_keeps_the_first_value()
    {
        // Even with the error reported, the first line's value is the one checked: its own errors still show.
        var result = Parse(Minimal + "smtp.port = 0\nsmtp.port = 25\n");
        Assert.Equal(2, result.Errors.Length);
        AssertNames(result.Errors[0], 5, "smtp.port");
        Assert.Contains("not a port", result.Errors[0].Message);
        AssertNames(result.Errors[1], 6, "smtp.port");
        Assert.Contains("duplicate", result.Errors[1].Message);
    }

    [Fact]
    public void Duplicate_key_in_another_case_is_a_duplicate()
    {
        SingleError(Minimal + "SMTP.HOST = other.example.org\n", 5, "smtp.host");
    }

    [Fact]
    public void All_errors_are_collected_in_line_order_then_missing_keys()
    {
        var text =
            "device.id = dev-1\n" +         // 1
            "smtp.port = 70000\n" +         // 2
            "smtp.tls = ssl\n" +            // 3
            "no equals here\n" +            // 4
            "smtp.prot = 25\n" +            // 5
            "smtp.timeout = 30\n" +         // 6
            "smtp.port = 25\n" +            // 7
            "smtp.allow-plain-auth = yes\n"; // 8
        var result = Parse(text);
        Assert.Null(result.Config);
        var lines = result.Errors.Select(e => e.Line).ToArray();
        var keys = result.Errors.Select(e => e.Key).ToArray();
        Assert.Equal(new[] { 2, 3, 4, 5, 6, 7, 8, 0, 0, 0 }, lines);
        Assert.Equal(new[] { "smtp.port", "smtp.tls", "", "smtp.prot", "smtp.timeout", "smtp.port",
            "smtp.allow-plain-auth", "smtp.host", "smtp.from", "alert.to" }, keys);
    }

    [Fact]
    public void Empty_file_reports_every_required_key()
    {
        var result = Parse("");
        Assert.Equal(new[] { "device.id", "smtp.host", "smtp.from", "alert.to" }, result.Errors.Select(e => e.Key).ToArray());
        foreach (var e in result.Errors)
        {
            AssertNames(e, 0, e.Key);
            Assert.StartsWith("required key is missing", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Missing_required_key_is_named()
    {
        var error = SingleError("device.id = d\nsmtp.from = d@example.org\nalert.to = o@example.org\n", 0, "smtp.host");
        Assert.StartsWith("smtp.host: required key is missing (", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_result_text_lists_one_error_per_line()
    {
        var result = Parse("smtp.port = x\n");
        Assert.Equal(
            "line 1: smtp.port: \"x\" is not a port (1-65535)\n" +
            "device.id: required key is missing (this device's name, in alert subjects, Message-IDs and signed commands)\n" +
            "smtp.host: required key is missing (the SMTP submission server that sends alerts)\n" +
            "smtp.from: required key is missing (the sender address of alerts)\n" +
            "alert.to: required key is missing (who receives alerts, addresses separated by ',')",
            result.ToString());
    }
}
