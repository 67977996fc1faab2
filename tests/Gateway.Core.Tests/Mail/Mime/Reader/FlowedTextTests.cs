using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class FlowedTextTests
{
    static string Unflow(string text, bool delsp = false)
    {
        var buffer = new TextBuffer(1000);
        var flowed = new FlowedText(buffer);
        flowed.Start(delsp);
        foreach (var c in text) flowed.Put(c);
        flowed.Finish();
        return buffer.ToString();
    }

    [Fact]
    public void A_line_ending_in_a_space_joins_the_next_keeping_the_space()
    {
        Assert.Equal("a long line\n", Unflow("a long \r\nline\r\n"));
    }

    [Fact]
    public void With_delsp_the_space_of_the_soft_break_is_removed()
    {
        Assert.Equal("splitword\n", Unflow("split \r\nword\r\n", delsp: true));
    }

    [Fact]
    public void The_signature_separator_is_never_flowed()
    {
        Assert.Equal("text\n-- \nsig\n", Unflow("text\r\n-- \r\nsig\r\n"));
    }

    [Fact]
    public void Space_stuffing_is_removed()
    {
        Assert.Equal("From here\n", Unflow(" From here\r\n"));
    }

    [Fact]
    public void Quoted_lines_join_only_at_the_same_depth_without_repeating_the_quote_marks()
    {
        Assert.Equal("> q1 q2\n>> x \n> y\n", Unflow("> q1 \r\n> q2\r\n>> x \r\n>y\r\n"));
    }

    [Fact]
    public void A_long_command_line_wrapped_by_the_client_arrives_whole()
    {
        Assert.Equal("auth dev1 2026-11-26T10:00:00Z n0nce 3f5a9c0e\n", Unflow("auth dev1 \r\n2026-11-26T10:00:00Z \r\nn0nce \r\n3f5a9c0e\r\n"));
    }
}
