using Gateway.Core.Tests.Support;
using Gateway.Core.Text;
using Gateway.Mail.Smtp;

namespace Gateway.Core.Tests.Mail.Smtp;

public class SmtpReplyReaderTests
{
    static SmtpReply Read(string text, int piece = 1000)
    {
        var reader = new SmtpReplyReader(new LineReader(ScriptedChannel.InPieces(text, piece), SmtpLimits.MaxReplyLine));
        return reader.Read(SmtpStage.Hello);
    }

    static SmtpException Fails(string text)
    {
        var reader = new SmtpReplyReader(new LineReader(new ScriptedChannel(text), SmtpLimits.MaxReplyLine));
        return Assert.Throws<SmtpException>(() => reader.Read(SmtpStage.Hello));
    }

    [Fact]
    public void Multi_line_reply_is_joined_with_each_line_kept()
    {
        var r = Read("250-mail.gateway.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n", 3);
        Assert.Equal(250, r.Code);
        Assert.Equal(["mail.gateway.test", "PIPELINING", "SIZE 10240000", "8BITMIME"], r.Lines);
    }

    [Theory]
    [InlineData("250\r\n", "")]           // code alone ends a reply
    [InlineData("250 \r\n", "")]          // code and space, no text
    [InlineData("250-\r\n250 done\r\n", " done")]
    [InlineData("250 two  spaces\n", "two  spaces")]
    public void Odd_but_valid_separators_are_accepted(string text, string expectedText)
    {
        var r = Read(text);
        Assert.Equal(250, r.Code);
        Assert.Equal(expectedText.Trim(), r.Text.Trim());
    }

    [Fact]
    public void Enhanced_status_code_is_recognised()
    {
        var r = Read("535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6\r\n");
        Assert.Equal("5.7.8", r.EnhancedCode);
        Assert.True(r.IsPermanentFailure);
        Assert.Equal("535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6", r.ToString());
    }

    [Theory]
    [InlineData("250 2.1.0 Ok\r\n", "2.1.0")]
    [InlineData("250 4.1.0 class does not match the code\r\n", "")]
    [InlineData("250 2.1 too short\r\n", "")]
    [InlineData("250 2.1.0000 detail too long\r\n", "")]
    [InlineData("451 4.3.0\r\n", "4.3.0")]
    public void Enhanced_status_code_must_match_rfc_3463(string text, string expected) =>
        Assert.Equal(expected, Read(text).EnhancedCode);

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\n")]
    [InlineData("+OK POP3 ready\r\n")]
    [InlineData("25\r\n")]
    [InlineData("250OK\r\n")]
    [InlineData("650 six hundred\r\n")]
    [InlineData("\r\n")]
    public void A_line_that_is_not_smtp_is_a_protocol_error(string text)
    {
        var e = Fails(text);
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Contains("not an SMTP reply", e.Message);
    }

    [Fact]
    public void Lines_that_disagree_on_the_code_are_a_protocol_error()
    {
        var e = Fails("250-first\r\n251 second\r\n");
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Contains("250 then 251", e.Message);
    }

    [Fact]
    public void An_endless_multi_line_reply_is_cut_off()
    {
        var e = Fails(string.Concat(Enumerable.Repeat("250-again\r\n", 1000)));
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Contains("64 lines", e.Message);
    }

    [Fact]
    public void An_over_long_reply_line_is_a_protocol_error()
    {
        var e = Fails("250 " + new string('x', 5000) + "\r\n");
        Assert.Equal(SmtpErrorKind.Protocol, e.Kind);
        Assert.Contains("longer than 1000 bytes", e.Message);
    }

    [Fact]
    public void A_close_mid_reply_is_transient()
    {
        var e = Fails("250-first\r\n");
        Assert.Equal(SmtpErrorKind.Transient, e.Kind);
        Assert.Contains("in the middle of a reply", e.Message);
    }

    [Fact]
    public void Control_characters_in_a_bad_line_are_not_echoed_raw()
    {
        var e = Fails("\u001b[31mred\r\n");
        Assert.False(e.Message.Contains('\u001b'), e.Message);
    }
}
