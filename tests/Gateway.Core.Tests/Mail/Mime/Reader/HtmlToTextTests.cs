using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class HtmlToTextTests
{
    static string Text(string html, int max = 1000)
    {
        var buffer = new TextBuffer(max);
        var converter = new HtmlToText(buffer);
        converter.Start();
        foreach (var c in html) converter.Put(c);
        converter.Finish();
        return buffer.ToString();
    }

    [Fact]
    public void Block_elements_start_new_lines_without_blank_lines_from_nesting()
    {
        Assert.Equal("one\ntwo\nthree", Text("<div><div><p>one</p></div><div>two</div></div><h2>three</h2>"));
    }

    [Fact]
    public void Each_br_is_a_line_break()
    {
        Assert.Equal("a\n\nb", Text("a<br><br/>b"));
    }

    [Fact]
    public void White_space_runs_become_one_space()
    {
        Assert.Equal("relay1 on", Text("  relay1 \r\n\t on  "));
    }

    [Fact]
    public void Named_and_numeric_entities_are_decoded()
    {
        Assert.Equal("& < > \" '  x \u00e9 \U0001F642", Text("&amp; &lt; &gt; &quot; &apos; &nbsp;x &#233; &#x1F642;"));
    }

    [Fact]
    public void Unknown_or_unterminated_entities_are_kept_as_written()
    {
        Assert.Equal("&copy; a & b &amp", Text("&copy; a & b &amp"));
    }

    [Fact]
    public void Quoted_attribute_values_may_hold_a_greater_than_sign()
    {
        Assert.Equal("ok", Text("<a title=\"a > b\" href='x>y'>ok</a>"));
    }

    [Fact]
    public void Head_style_script_and_comments_are_dropped()
    {
        Assert.Equal("body", Text("<head><title>t</title></head><style>p{}</style><script>if (a<b) x();</script><!-- <p>c</p> -->body"));
    }

    [Fact]
    public void Output_stops_at_the_text_limit()
    {
        var buffer = new TextBuffer(5);
        var converter = new HtmlToText(buffer);
        converter.Start();
        foreach (var c in "<p>" + new string('x', 10000) + "</p>") converter.Put(c);
        Assert.Equal("xxxxx", buffer.ToString());
        Assert.True(buffer.Truncated);
    }
}
