using System.Text;
using Gateway.Mail.Pop3;

namespace Gateway.Core.Tests.Mail.Pop3;

/// <summary>Status lines (RFC 1939 3) and their extended response codes (RFC 2449 8, RFC 3206).</summary>
public class Pop3ResponseTests
{
    static Pop3Response? Parse(string line)
    {
        var b = Encoding.UTF8.GetBytes("xx" + line);
        return Pop3Response.Parse(b, 2, b.Length - 2);
    }

    [Theory]
    [InlineData("+OK", true, "")]
    [InlineData("+OK 2 320", true, "2 320")]
    [InlineData("-ERR", false, "")]
    [InlineData("-ERR no such message", false, "no such message")]
    [InlineData("+ok lenient case", true, "lenient case")]
    public void Status_lines_are_parsed(string line, bool ok, string text)
    {
        var r = Parse(line)!;
        Assert.Equal(ok, r.IsOk);
        Assert.Equal(text, r.Text);
    }

    [Theory]
    [InlineData("+OKAY")]
    [InlineData("OK")]
    [InlineData("* OK IMAP")]
    [InlineData("220 smtp")]
    [InlineData("")]
    [InlineData("+ challenge")]
    public void Anything_else_is_not_a_status_line(string line)
    {
        Assert.Null(Parse(line));
    }

    [Theory]
    [InlineData("-ERR [IN-USE] Do you have another POP session running?", "IN-USE", Pop3ResponseCode.InUse, true)]
    [InlineData("-ERR [LOGIN-DELAY] wait longer between logins", "LOGIN-DELAY", Pop3ResponseCode.LoginDelay, true)]
    [InlineData("-ERR [SYS/TEMP] Problem with the disk, try again", "SYS/TEMP", Pop3ResponseCode.SysTemp, true)]
    [InlineData("-ERR [SYS/PERM] Your account is locked", "SYS/PERM", Pop3ResponseCode.SysPerm, false)]
    [InlineData("-ERR [AUTH] Authentication failed.", "AUTH", Pop3ResponseCode.Auth, false)]
    [InlineData("-ERR [SYS/TEMP/DISK] a sub-level refines the code", "SYS/TEMP/DISK", Pop3ResponseCode.SysTemp, true)]
    [InlineData("-ERR [auth] lower case", "auth", Pop3ResponseCode.Auth, false)]
    [InlineData("-ERR [X-VENDOR] something new", "X-VENDOR", Pop3ResponseCode.Other, false)]
    [InlineData("-ERR [AUTHX] not AUTH", "AUTHX", Pop3ResponseCode.Other, false)]
    [InlineData("-ERR no code", "", Pop3ResponseCode.None, false)]
    [InlineData("-ERR [] empty", "", Pop3ResponseCode.None, false)]
    [InlineData("-ERR [SYS/] trailing slash", "", Pop3ResponseCode.None, false)]
    [InlineData("-ERR [SYS//TEMP] empty level", "", Pop3ResponseCode.None, false)]
    [InlineData("-ERR [SYS TEMP] a space", "", Pop3ResponseCode.None, false)]
    [InlineData("-ERR [SYS/TEMP never closed", "", Pop3ResponseCode.None, false)]
    [InlineData("-ERR text then [AUTH]", "", Pop3ResponseCode.None, false)]
    public void Rfc3206_response_codes_are_parsed(string line, string code, Pop3ResponseCode kind, bool temporary)
    {
        var r = Parse(line)!;
        Assert.Equal(code, r.Code);
        Assert.Equal(kind, r.CodeKind);
        Assert.Equal(temporary, r.IsTemporary);
    }

    [Fact]
    public void A_code_on_an_ok_is_parsed_but_never_temporary()
    {
        var r = Parse("+OK [IN-USE] odd but harmless")!;
        Assert.Equal(Pop3ResponseCode.InUse, r.CodeKind);
        Assert.False(r.IsTemporary);
    }

    [Fact]
    public void A_code_longer_than_a_word_is_not_a_code()
    {
        var r = Parse("-ERR [" + new string('A', 100) + "] x")!;
        Assert.Equal("", r.Code);
    }

    [Fact]
    public void Control_characters_are_not_echoed_in_the_text_form()
    {
        var r = Parse("-ERR bad\u001b[31mred")!;
        Assert.Equal("-ERR bad?[31mred", r.ToString());
    }
}
