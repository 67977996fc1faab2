using System.Text;
using Gateway.Core.Tests.Support;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class DotWriterTests
{
    static string Stuff(string body, int piece = 1000, int buffer = 64)
    {
        var ch = new ScriptedChannel();
        var lw = new LineWriter(ch, buffer);
        var dw = new DotWriter(lw);
        var bytes = Encoding.UTF8.GetBytes(body);
        for (int i = 0; i < bytes.Length; i += piece)
            dw.Write(bytes, i, Math.Min(piece, bytes.Length - i));
        dw.Finish();
        lw.Flush();
        return ch.Written;
    }

    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData("a", "a\r\n.\r\n")]
    [InlineData(".Leading dot\r\n", "..Leading dot\r\n.\r\n")]
    [InlineData("x\r\n.\r\ny\r\n", "x\r\n..\r\ny\r\n.\r\n")]
    [InlineData("..two\r\n", "...two\r\n.\r\n")]
    [InlineData("mid.dot\r\n", "mid.dot\r\n.\r\n")]
    [InlineData("bare\nlf\n.x", "bare\r\nlf\r\n..x\r\n.\r\n")]
    [InlineData("bare\rcr\r.x\r", "bare\r\ncr\r\n..x\r\n.\r\n")]
    public void Body_is_dot_stuffed_and_crlf_normalised(string body, string wire)
    {
        Assert.Equal(wire, Stuff(body));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Fragmented_input_gives_the_same_output(int piece)
    {
        const string body = "line one\r\n.dot\r\n\r\n..\r\nend\rcr\n.";
        Assert.Equal(Stuff(body), Stuff(body, piece, buffer: 7));
    }

    [Fact]
    public void Stuffed_output_never_contains_a_lone_dot_line_before_the_end()
    {
        var rng = new Random(5);
        char[] alphabet = ['.', '\r', '\n', 'a', ' '];
        for (int i = 0; i < 2000; i++)
        {
            var body = new string(Enumerable.Range(0, rng.Next(30)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            var wire = Stuff(body, 1 + rng.Next(4), 8);
            Assert.EndsWith("\r\n.\r\n", wire.Length >= 5 ? wire : "\r\n" + wire);
            var inner = wire[..^3];
            Assert.DoesNotContain("\r\n.\r\n", inner);
            Assert.False(inner.StartsWith(".\r\n"), Escape(wire));
            // Every CR is followed by LF and every LF preceded by CR.
            for (int k = 0; k < wire.Length; k++)
            {
                if (wire[k] == '\r') Assert.Equal('\n', wire[k + 1]);
                if (wire[k] == '\n') Assert.Equal('\r', wire[k - 1]);
            }
        }
    }

    static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");
}
