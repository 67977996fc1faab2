using Gateway.Core.Net;
using Gateway.Core.Text;

namespace Gateway.SelfTest.Vectors;

/// <summary>The fixed-buffer line reader and the writers built on it.</summary>
public static class LineVectors
{
    static ScriptChannel Server(string text, int chunk) => new ScriptChannel(chunk).Step("", text);

    public static void Run(SelfTestRunner t)
    {
        t.Test("line reader joins CRLF split across reads", () =>
        {
            var r = new LineReader(Server("250-a\r\n250 b\r\n", 1), 16);
            t.Equal("250-a", r.ReadLineText() ?? "(end)");
            t.Equal("250 b", r.ReadLineText() ?? "(end)");
            t.True(r.ReadLineText() == null, "end after the last line");
        });
        t.Test("line reader accepts a bare LF", () =>
        {
            var r = new LineReader(Server("+OK\n.\n", 3), 16);
            t.Equal("+OK", r.ReadLineText() ?? "(end)");
            t.Equal(".", r.ReadLineText() ?? "(end)");
        });
        t.Test("line reader takes a line of exactly the limit", () =>
        {
            var r = new LineReader(Server("0123456789\r\n", 4), 10);
            t.Equal("0123456789", r.ReadLineText() ?? "(end)");
        });
        t.Test("line reader refuses an over-long line", () =>
        {
            var r = new LineReader(Server("01234567890\r\n", 4), 10);
            t.Throws("LineTooLongException", () => r.ReadLine());
        });
        t.Test("line reader reports a close in mid-line as lost", () =>
        {
            var r = new LineReader(Server("250 trunc", 100), 64);
            var e = t.Throws("ChannelException", () => r.ReadLine()) as ChannelException;
            t.True(e != null && e.Error == ChannelError.ConnectionLost, "ConnectionLost");
        });
        t.Test("line writer refuses CR or LF inside a line", () =>
        {
            var w = new LineWriter(new ScriptChannel(100), 64);
            t.Throws("ArgumentException", () => w.WriteLine("RCPT TO:<a@b>\r\nRSET"));
            t.Equal(0, w.Pending);
        });
        t.Test("dot writer stuffs leading dots and ends the data", () =>
        {
            var ch = new ScriptChannel(100).Step("..one\r\ntwo\r\n...\r\n.\r\n", "");
            var w = new LineWriter(ch, 8);
            var d = new DotWriter(w);
            var b = Utf8.GetBytes(".one\ntwo\r\n..");
            d.Write(b, 0, b.Length);
            d.Finish();
            w.Flush();
            t.True(ch.AllSent, ch.Error.Length > 0 ? ch.Error : "not everything was sent");
        });
    }
}
