using Gateway.Core.Tests.Support;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class LineWriterTests
{
    [Fact]
    public void Lines_are_sent_in_one_write_on_flush()
    {
        var ch = new ScriptedChannel();
        var w = new LineWriter(ch, 256);
        w.WriteLine("MAIL FROM:<a@b.test>");
        w.WriteLine("RCPT TO:<c@d.test>");
        w.WriteLine("DATA");
        Assert.Equal(0, ch.Writes);
        w.Flush();
        Assert.Equal(1, ch.Writes);
        Assert.Equal("MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\n", ch.Written);
    }

    [Theory]
    [InlineData("RCPT TO:<x@y.test>\r\nRSET")]
    [InlineData("a\nb")]
    [InlineData("trailing\r")]
    public void A_line_with_cr_or_lf_is_refused_and_nothing_is_written(string line)
    {
        var ch = new ScriptedChannel();
        var w = new LineWriter(ch, 256);
        var ex = Assert.Throws<ArgumentException>(() => w.WriteLine(line));
        Assert.Contains("CR or LF", ex.Message);
        w.Flush();
        Assert.Equal("", ch.Written);
    }

    [Fact]
    public void Text_longer_than_the_buffer_is_written_in_pieces_and_stays_valid_utf8()
    {
        var ch = new ScriptedChannel();
        var w = new LineWriter(ch, 16);
        var text = string.Concat(Enumerable.Repeat("é€😀a", 40));
        w.WriteLine(text);
        w.Flush();
        Assert.True(ch.Writes > 1);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text + "\r\n"), ch.WrittenBytes);
    }

    [Fact]
    public void Flush_with_nothing_pending_writes_nothing()
    {
        var ch = new ScriptedChannel();
        new LineWriter(ch, 16).Flush();
        Assert.Equal(0, ch.Writes);
    }
}
