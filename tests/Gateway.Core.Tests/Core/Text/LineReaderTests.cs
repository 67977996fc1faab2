using Gateway.Core.Net;
using Gateway.Core.Tests.Support;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Core.Text;

public class LineReaderTests
{
    static string[] ReadAll(LineReader r)
    {
        var lines = new List<string>();
        while (r.ReadLine()) lines.Add(r.LineText);
        return lines.ToArray();
    }

    [Fact]
    public void Crlf_split_across_reads_ends_one_line()
    {
        var r = new LineReader(new ScriptedChannel("250-mail.test\r", "\n250 OK\r", "\n"), 64);
        Assert.Equal(["250-mail.test", "250 OK"], ReadAll(r));
    }

    [Fact]
    public void Bare_lf_ends_a_line_too()
    {
        var r = new LineReader(new ScriptedChannel("+OK ready\n.\n"), 64);
        Assert.Equal(["+OK ready", "."], ReadAll(r));
    }

    [Fact]
    public void Lone_cr_inside_a_line_is_kept_as_content()
    {
        var r = new LineReader(new ScriptedChannel("a\rb\r\n"), 64);
        Assert.Equal(["a\rb"], ReadAll(r));
    }

    [Fact]
    public void Many_lines_in_one_read_are_returned_one_by_one()
    {
        var ch = new ScriptedChannel("250 a\r\n250 b\r\n250 c\r\n");
        var r = new LineReader(ch, 64);
        Assert.Equal(["250 a", "250 b", "250 c"], ReadAll(r));
        Assert.Equal(2, ch.Reads); // one read for the data, one that saw the close
    }

    [Fact]
    public void One_byte_at_a_time_gives_the_same_lines()
    {
        const string text = "220 ready\r\n250-PIPELINING\r\n250 8BITMIME\n\r\n";
        var r = new LineReader(ScriptedChannel.InPieces(text, 1), 16);
        Assert.Equal(["220 ready", "250-PIPELINING", "250 8BITMIME", ""], ReadAll(r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_line_of_exactly_the_limit_is_accepted_in_any_fragmentation(int piece)
    {
        var line = new string('x', 10);
        var r = new LineReader(ScriptedChannel.InPieces(line + "\r\n" + line + "\n", piece), 10);
        Assert.Equal([line, line], ReadAll(r));
    }

    [Theory]
    [InlineData("xxxxxxxxxxx\r\n")]
    [InlineData("xxxxxxxxxxx\n")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void A_line_longer_than_the_limit_fails_with_the_limit_named(string text)
    {
        var r = new LineReader(ScriptedChannel.InPieces(text, 4), 10);
        var ex = Assert.Throws<LineTooLongException>(() => r.ReadLine());
        Assert.Equal(10, ex.Limit);
        Assert.Contains("10 bytes", ex.Message);
    }

    [Fact]
    public void An_endless_line_never_grows_the_buffer()
    {
        var endless = new EndlessChannel((byte)'A');
        var r = new LineReader(endless, 512);
        Assert.Throws<LineTooLongException>(() => r.ReadLine());
        Assert.Equal(514, r.Buffer.Length);
        Assert.True(endless.BytesServed <= 514 + 512, $"read {endless.BytesServed} bytes before giving up");
    }

    [Fact]
    public void A_clean_close_between_lines_returns_false()
    {
        var r = new LineReader(new ScriptedChannel("+OK\r\n"), 64);
        Assert.True(r.ReadLine());
        Assert.False(r.ReadLine());
    }

    [Fact]
    public void A_close_in_the_middle_of_a_line_is_connection_lost()
    {
        var r = new LineReader(new ScriptedChannel("250 trunc"), 64);
        var ex = Assert.Throws<ChannelException>(() => r.ReadLine());
        Assert.Equal(ChannelError.ConnectionLost, ex.Error);
    }

    [Fact]
    public void Buffered_counts_bytes_received_beyond_the_last_line()
    {
        // A server that sends data right after "220 go ahead" to STARTTLS is injecting clear text
        // (CVE-2011-0411 class); the client can see it and refuse.
        var r = new LineReader(new ScriptedChannel("220 go ahead\r\nINJECTED\r\n"), 64);
        Assert.True(r.ReadLine());
        Assert.Equal(10, r.Buffered);
    }

    [Fact]
    public void Utf8_text_is_decoded()
    {
        var r = new LineReader(new ScriptedChannel("Grüße\r\n"), 64);
        Assert.Equal("Grüße", r.ReadLineText());
        Assert.Null(r.ReadLineText());
    }

    sealed class EndlessChannel(byte fill) : IChannel
    {
        public long BytesServed;
        public bool IsEncrypted => false;

        public int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, fill, offset, count);
            BytesServed += count;
            return count;
        }

        public void Write(byte[] buffer, int offset, int count) { }
        public void StartTls(string host) { }
        public void Close() { }
    }
}
