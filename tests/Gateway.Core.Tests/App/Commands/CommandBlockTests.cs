using Gateway.App.Commands;
using static Gateway.Core.Tests.Support.CommandKit;

namespace Gateway.Core.Tests.App.Commands;

/// <summary>Finding the signed block in the text shapes mail programs produce.</summary>
public class CommandBlockTests
{
    static string Quote(string text) =>
        string.Join("\n", text.TrimEnd('\n').Split('\n').Select(l => "> " + l)) + "\n";

    [Fact]
    public void The_signers_block_reads_back_as_its_commands()
    {
        var block = CommandBlock.Parse(Sign("relay relay1 on", "status"));
        Assert.Null(block.Problem);
        Assert.Equal(Device, block.Auth!.Device);
        Assert.Equal(["relay relay1 on", "status"], block.Lines);
    }

    [Fact]
    public void A_greeting_before_the_auth_line_and_blank_lines_between_commands_are_ignored()
    {
        var signed = Sign("relay relay1 on", "status").Split('\n');
        var text = "Hi boiler,\r\nplease do this:\r\n\r\n" + signed[0] + "\r\n\r\n   " + signed[1] + "  \r\n\r\n\t" + signed[2] + "\r\n";
        var block = CommandBlock.Parse(text);
        Assert.Null(block.Problem);
        Assert.Equal(["relay relay1 on", "status"], block.Lines);
    }

    [Fact]
    public void Text_after_the_counted_lines_is_outside_the_block()
    {
        var text = Sign("status") + "Sent from my phone\nThis e-mail is confidential. If you are not the intended recipient...\n";
        var block = CommandBlock.Parse(text);
        Assert.Null(block.Problem);
        Assert.Equal(["status"], block.Lines);
    }

    [Fact]
    public void A_signature_ends_the_mail_even_if_it_holds_an_auth_line()
    {
        var text = "thanks\n-- \nOperator\n" + Sign("reboot");
        var block = CommandBlock.Parse(text);
        Assert.Null(block.AuthText);
        Assert.Equal(0, block.Count);
    }

    [Fact]
    public void A_signature_inside_the_counted_lines_cuts_the_block_short()
    {
        var lines = Sign("relay relay1 on", "status").Split('\n');
        var block = CommandBlock.Parse(lines[0] + "\n" + lines[1] + "\n-- \n" + lines[2] + "\n");
        Assert.Equal("the signed block ends after 1 of 2 command lines", block.Problem);
        Assert.Equal(0, block.Count);
    }

    [Fact]
    public void A_trimmed_signature_separator_still_counts()
    {
        var block = CommandBlock.Parse("--\n" + Sign("reboot"));
        Assert.Null(block.AuthText);
    }

    [Fact]
    public void Thunderbird_reply_runs_only_the_new_block_above_the_quoted_one()
    {
        string old = Sign(T0, 1, "relay relay1 on");
        string text = Sign(T0.AddMinutes(5), 2, "relay relay1 off") + "\n"
            + "On 27/11/2026 08:00, Operator wrote:\n" + Quote(old + "\n-- \nOperator\n");
        var block = CommandBlock.Parse(text);
        Assert.Null(block.Problem);
        Assert.Equal(["relay relay1 off"], block.Lines);
        Assert.Equal("2026-11-27T08:05:00Z", block.Auth!.TimestampText);
    }

    [Fact]
    public void Bottom_posted_reply_ignores_the_quoted_block_above_the_new_one()
    {
        string old = Sign(T0, 1, "relay relay1 on");
        string text = "Operator wrote:\n" + Quote(old) + "\n" + Sign(T0.AddMinutes(5), 2, "status");
        var block = CommandBlock.Parse(text);
        Assert.Equal(["status"], block.Lines);
    }

    [Fact]
    public void Gmail_reply_with_a_wrapped_attribution_runs_only_the_new_block()
    {
        string old = Sign(T0, 1, "relay relay1 on");
        string text = Sign(T0.AddMinutes(5), 2, "relay relay1 off", "status") + "\r\n"
            + "On Fri, Nov 27, 2026 at 8:00 AM Operator of the Boiler Room <\r\nops@gateway.test> wrote:\r\n\r\n"
            + Quote(old).Replace("\n", "\r\n") + ">\r\n";
        var block = CommandBlock.Parse(text);
        Assert.Null(block.Problem);
        Assert.Equal(["relay relay1 off", "status"], block.Lines);
    }

    [Fact]
    public void A_reply_that_only_quotes_an_old_block_has_no_auth_line()
    {
        string text = "Did this work?\n\nOn Fri, Nov 27, 2026 Operator wrote:\n" + Quote(Sign("relay relay1 on"));
        var block = CommandBlock.Parse(text);
        Assert.Null(block.AuthText);
    }

    [Fact]
    public void Outlook_reply_ignores_the_unquoted_original_below_its_separator()
    {
        string text = Sign(T0.AddMinutes(5), 2, "status") + "\r\n"
            + "________________________________\r\n"
            + "From: Operator <ops@gateway.test>\r\nSent: Friday, November 27, 2026 8:00 AM\r\nTo: boiler@gateway.test\r\nSubject: command\r\n\r\n"
            + Sign(T0, 1, "relay relay1 on").Replace("\n", "\r\n");
        var block = CommandBlock.Parse(text);
        Assert.Equal(["status"], block.Lines);
    }

    [Theory]
    [InlineData("________________________________")]
    [InlineData("-----Original Message-----")]
    [InlineData("----- Original Message -----")]
    public void Outlook_reply_without_a_new_block_runs_nothing_of_the_original(string separator)
    {
        string text = "Done?\r\n\r\n" + separator + "\r\nFrom: Operator\r\nSent: Friday\r\n\r\n" + Sign("relay relay1 on");
        var block = CommandBlock.Parse(text);
        Assert.Null(block.AuthText);
    }

    [Fact]
    public void An_auth_line_wrapped_at_blanks_is_joined_again()
    {
        string signed = Sign("status");
        string auth = signed.Split('\n')[0];
        string wrapped = auth.Replace(" nonce=", "\n nonce=").Replace(" mac=", "\nmac=");
        var block = CommandBlock.Parse(wrapped + "\nstatus\n");
        Assert.Null(block.Problem);
        Assert.Equal(auth, block.AuthText);
        Assert.Equal(["status"], block.Lines);
    }

    [Fact]
    public void A_block_cut_off_at_the_end_of_the_text_is_refused()
    {
        var block = CommandBlock.Parse(Sign("status", "ping").Split('\n')[0] + "\nstatus\n");
        Assert.Equal("the signed block ends after 1 of 2 command lines", block.Problem);
    }

    [Fact]
    public void An_over_long_command_line_is_refused_without_being_kept()
    {
        var auth = Sign("status").Split('\n')[0];
        var block = CommandBlock.Parse(auth + "\n" + new string('x', 100_000) + "\n");
        Assert.Equal("command line 1 is longer than 200 chars", block.Problem);
        Assert.Equal(0, block.Count);
    }

    [Theory]
    [InlineData("gateway-auth:", "no version")]
    [InlineData("gateway-auth: v2 device=boiler", "unsupported version v2 (this device reads v1)")]
    [InlineData("gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z", "missing nonce=")]
    [InlineData("gateway-auth: v1 ts=2026-11-27T08:00:00Z device=boiler", "expected device= as field 1")]
    [InlineData("gateway-auth: v1 device=boi/ler ts=2026-11-27T08:00:00Z nonce=q83vEjRWeJCrze8SNFZ4kA n=1 mac=x", "device= is not a device id")]
    [InlineData("gateway-auth: v1 device=boiler ts=2026-11-27T08:00 nonce=q83vEjRWeJCrze8SNFZ4kA n=1 mac=x", "ts= is not a UTC time like 2026-11-27T08:00:00Z")]
    [InlineData("gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z nonce=short n=1 mac=x", "nonce= is not 16 bytes of base64url")]
    [InlineData("gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z nonce=q83vEjRWeJCrze8SNFZ4kA n=21 mac=x", "n= is not a command count from 1 to 20")]
    [InlineData("gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z nonce=q83vEjRWeJCrze8SNFZ4kA n=1 mac=AAAA", "mac= is not 32 bytes of base64")]
    [InlineData("gateway-auth: v1 device=boiler ts=2026-11-27T08:00:00Z nonce=q83vEjRWeJCrze8SNFZ4kA n=1 mac=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= extra", "unexpected text after mac=")]
    public void A_garbled_auth_line_is_refused_with_what_is_wrong(string authLine, string problem)
    {
        var block = CommandBlock.Parse(authLine + "\nstatus\n");
        Assert.Equal("malformed auth line: " + problem, block.Problem);
    }

    [Fact]
    public void Fed_a_line_at_a_time_it_stops_once_the_block_is_complete()
    {
        var block = new CommandBlock();
        foreach (var line in Sign("status").Split('\n')) block.Add(line);
        Assert.True(block.IsDone);
        block.Add("relay relay1 on");
        block.Finish();
        Assert.Equal(["status"], block.Lines);
    }
}
