using System.Text;
using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

/// <summary>The text handed over a line at a time (ITextLineSink): what a command mail is read with on the device.</summary>
public class MimeReaderLineSinkTests
{
    sealed class Lines : ITextLineSink
    {
        public readonly List<string> Got = [];
        public int Restarts;

        public void TextLine(string line) => Got.Add(line);

        public void TextRestarted()
        {
            Got.Clear();
            Restarts++;
        }
    }

    static Lines Read(int maxChars, params string[] lines)
    {
        var sink = new Lines();
        var reader = new MimeReader(new MimeLimits { MaxTextChars = maxChars }) { TextLineSink = sink };
        MimeFeed.Lines(reader, Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        reader.End();
        return sink;
    }

    [Fact]
    public void Each_line_of_the_text_arrives_on_its_own_and_the_last_one_without_a_break_too()
    {
        var sink = new Lines();
        var reader = new MimeReader(new MimeLimits { MaxTextChars = 64 }) { TextLineSink = sink };
        MimeFeed.Lines(reader, Encoding.UTF8.GetBytes("Subject: x\r\n\r\nfirst\r\nsecond =\r\nthird"));
        reader.End();

        Assert.Equal(["first", "second =", "third"], sink.Got);
    }

    [Fact]
    public void A_line_longer_than_the_buffer_is_cut_and_the_next_line_is_whole()
    {
        var sink = Read(8, "Subject: x", "", "0123456789abcdef", "next");

        Assert.Equal(["01234567", "next"], sink.Got);
    }

    [Fact]
    public void Quoted_printable_soft_breaks_join_before_the_line_is_handed_over()
    {
        var sink = Read(64, "Subject: x", "Content-Transfer-Encoding: quoted-printable", "", "relay re=", "lay1 on", "status");

        Assert.Equal(["relay relay1 on", "status"], sink.Got);
    }

    [Fact]
    public void Plain_text_after_html_replaces_it_as_the_kept_text_does()
    {
        var sink = Read(64,
            "Subject: x", "Content-Type: multipart/alternative; boundary=b", "",
            "--b", "Content-Type: text/html", "", "<p>from html</p>",
            "--b", "Content-Type: text/plain", "", "from plain",
            "--b--");

        Assert.True(sink.Restarts >= 1);
        Assert.Equal(["from plain"], sink.Got);
    }
}
