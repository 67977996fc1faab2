using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Tests.Support;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class DotReaderTests
{
    static (List<string> lines, string rest) Read(ScriptedChannel ch, int maxLine = 100)
    {
        var lr = new LineReader(ch, maxLine);
        var dr = new DotReader(lr);
        var lines = new List<string>();
        while (dr.ReadLine())
            lines.Add(dr.LineText);
        return (lines, lr.ReadLineText() ?? "<closed>");
    }

    [Theory]
    [InlineData(".\r\n", new string[0])]
    [InlineData("a\r\n.\r\n", new[] { "a" })]
    [InlineData("..\r\n.\r\n", new[] { "." })]
    [InlineData("...\r\n.\r\n", new[] { ".." })]
    [InlineData("..leading\r\nmid.dot\r\n\r\n.\r\n", new[] { ".leading", "mid.dot", "" })]
    [InlineData(".x\r\n.\r\n", new[] { "x" })] // not stuffed by a careless server: the dot is taken off all the same (RFC 1939 3)
    [InlineData("bare\nlf\n.\n", new[] { "bare", "lf" })]
    public void Stuffed_dots_are_removed_and_the_lone_dot_ends(string wire, string[] expected)
    {
        var (lines, _) = Read(new ScriptedChannel(wire));
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void Reading_stops_at_the_end_and_leaves_what_follows()
    {
        var (lines, rest) = Read(new ScriptedChannel("a\r\n.\r\n+OK next\r\n"));
        Assert.Equal(["a"], lines);
        Assert.Equal("+OK next", rest);
    }

    [Fact]
    public void The_mirror_of_the_dot_writer()
    {
        const string body = "Subject: x\r\n\r\n.\r\n..\r\n.a\r\nend\r\n";
        var written = new ScriptedChannel();
        var lw = new LineWriter(written, 16);
        var dw = new DotWriter(lw);
        var bytes = Encoding.UTF8.GetBytes(body);
        dw.Write(bytes, 0, bytes.Length);
        dw.Finish();
        lw.Flush();

        var (lines, _) = Read(ScriptedChannel.InPieces(written.Written, 3));
        Assert.Equal(body, string.Concat(lines.Select(l => l + "\r\n")));
    }

    [Fact]
    public void A_closed_connection_before_the_end_throws()
    {
        var e = Assert.Throws<ChannelException>(() => Read(new ScriptedChannel("a\r\nb\r\n")));
        Assert.Equal(ChannelError.ConnectionLost, e.Error);
    }

    [Fact]
    public void A_line_longer_than_the_limit_throws()
    {
        Assert.Throws<LineTooLongException>(() => Read(new ScriptedChannel(".." + new string('x', 20) + "\r\n.\r\n"), maxLine: 20));
    }

    [Fact]
    public void The_line_is_a_slice_of_the_reader_buffer()
    {
        var lr = new LineReader(new ScriptedChannel("..abc\r\n.\r\n"), 100);
        var dr = new DotReader(lr);
        Assert.True(dr.ReadLine());
        Assert.Same(lr.Buffer, dr.Buffer);
        Assert.Equal(1, dr.LineStart);
        Assert.Equal(4, dr.LineLength);
        Assert.False(dr.ReadLine());
    }
}
