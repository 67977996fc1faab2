using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Tests.Support;
using Gateway.Core.Text;
using Gateway.Mail.Pop3;
using ITestOutputHelper = Xunit.Abstractions.ITestOutputHelper;
using static Gateway.Core.Tests.Mail.Pop3.Pop3ClientTests;
using ListLog = Gateway.Core.Tests.Mail.Pop3.Pop3ClientTests.ListLog;

namespace Gateway.Core.Tests.Mail.Pop3;

/// <summary>The TRANSACTION state: STAT, UIDL, LIST, TOP, RETR streamed to a sink, DELE, RSET, NOOP, QUIT, and broken servers.</summary>
public class Pop3TransactionTests(ITestOutputHelper output)
{
    const string Rfc1939Message1 = "From: a@example.com\r\nSubject: one\r\n\r\nfirst body\r\n";

    /// <summary>Over implicit TLS, logged in with AUTH PLAIN.</summary>
    static ReplayChannel LoggedIn(ReplayChannel.Delivery delivery = ReplayChannel.Delivery.Whole) => new ReplayChannel(delivery)
        .Greet(Greeting)
        .Step("CAPA\r\n", CapaTls)
        .Step("AUTH PLAIN " + PlainResponse + "\r\n", "+OK Logged in.\r\n");

    static Pop3Client Connected(ReplayChannel ch)
    {
        var client = new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit));
        client.Connect();
        return client;
    }

    /// <summary>RFC 1939 section 10, the example session, with APOP from section 7 (and CAPA, which that server does not know).</summary>
    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByLine)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void Rfc1939_example_session(ReplayChannel.Delivery delivery)
    {
        const string message2 = "From: b@example.com\r\nSubject: two\r\n\r\n.a line with a dot\r\n.\r\n..\r\nend\r\n";
        var ch = new ReplayChannel(delivery)
            .Greet("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n")
            .Step("CAPA\r\n", "-ERR unknown command\r\n")
            .Step("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n", "+OK mrose's maildrop has 2 messages (320 octets)\r\n")
            .Step("STAT\r\n", "+OK 2 320\r\n")
            .Step("LIST\r\n", "+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n")
            .Step("RETR 1\r\n", "+OK 120 octets\r\n" + Rfc1939Message1 + ".\r\n")
            .Step("DELE 1\r\n", "+OK message 1 deleted\r\n")
            .Step("RETR 2\r\n", "+OK 200 octets\r\n" + Stuff(message2) + ".\r\n")
            .Step("DELE 2\r\n", "+OK message 2 deleted\r\n")
            .Step("QUIT\r\n", "+OK dewey POP3 server signing off (maildrop empty)\r\n");
        var options = new Pop3Options { Host = "dbc.mtview.ca.us", Port = 110, Tls = TlsMode.None, User = "mrose", Password = "tanstaaf", UseApop = true };
        var client = new Pop3Client(new ReplayConnector(ch), options);

        client.Connect();
        var stat = client.Stat();
        var sizes = client.ListSizes(100);
        var first = new CollectingSink();
        long n1 = client.Retrieve(1, first, 100_000);
        client.Delete(1);
        var second = new CollectingSink();
        long n2 = client.Retrieve(2, second, 100_000);
        client.Delete(2);
        bool committed = client.Quit();

        Assert.True(ch.Finished, ch.Transcript);
        Assert.Equal(2, stat.Count);
        Assert.Equal(320, stat.Size);
        Assert.Equal([(1, 120L), (2, 200L)], sizes.Select(e => (e.Number, e.Size)));
        Assert.Equal(Rfc1939Message1, first.Text);
        Assert.Equal(Rfc1939Message1.Length, n1);
        Assert.Equal(message2, second.Text);
        Assert.Equal(message2.Length, n2);
        Assert.True(committed);
        // greeting, CAPA, APOP, STAT, LIST, RETR, DELE, RETR, DELE, QUIT
        Assert.Equal(10, client.RoundTrips);
    }

    [Fact]
    public void Uidl_lists_every_message_with_its_unique_id()
    {
        var ch = LoggedIn().Step("UIDL\r\n", "+OK\r\n1 000000010000000a\r\n2 000000020000000a\r\n3 whqtswO00WBw418f9t5JxYwZ\r\n.\r\n");
        var uids = Connected(ch).ListUids(Pop3Limits.MaxListed);
        Assert.Equal([(1, "000000010000000a"), (2, "000000020000000a"), (3, "whqtswO00WBw418f9t5JxYwZ")], uids.Select(u => (u.Number, u.Uid)));
        Assert.True(ch.Finished);
    }

    [Fact]
    public void Uidl_beyond_the_requested_count_is_read_and_dropped_and_the_session_goes_on()
    {
        var lines = string.Concat(Enumerable.Range(1, 50).Select(i => i + " uid-" + i + "\r\n"));
        var ch = LoggedIn()
            .Step("UIDL\r\n", "+OK\r\n" + lines + ".\r\n")
            .Step("NOOP\r\n", "+OK\r\n");
        var client = Connected(ch);
        var uids = client.ListUids(10);
        client.Noop();
        Assert.Equal(10, uids.Length);
        Assert.Equal("uid-10", uids[9].Uid);
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Uidl_of_one_message()
    {
        var ch = LoggedIn().Step("UIDL 2\r\n", "+OK 2 QhdPYR:00WBw1Ph7x7\r\n");
        Assert.Equal("QhdPYR:00WBw1Ph7x7", Connected(ch).Uid(2));
    }

    [Fact]
    public void Uidl_of_one_message_answered_for_another_is_a_protocol_error()
    {
        var ch = LoggedIn().Step("UIDL 2\r\n", "+OK 3 QhdPYR:00WBw1Ph7x7\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Uid(2));
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Equal(Pop3Stage.Uidl, e.Stage);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("1 has\u0001control")]
    [InlineData("1")]
    [InlineData("x uid")]
    [InlineData("0 uid")]
    public void A_malformed_uidl_line_is_a_protocol_error(string line)
    {
        var ch = LoggedIn().Step("UIDL\r\n", "+OK\r\n" + line + "\r\n.\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.ListUids(100));
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_unique_id_longer_than_70_characters_is_refused()
    {
        var ch = LoggedIn().Step("UIDL\r\n", "+OK\r\n1 " + new string('u', 71) + "\r\n.\r\n");
        var e = Assert.Throws<Pop3Exception>(() => Connected(ch).ListUids(100));
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
    }

    [Fact]
    public void List_of_one_message()
    {
        var ch = LoggedIn().Step("LIST 2\r\n", "+OK 2 200\r\n");
        Assert.Equal(200, Connected(ch).Size(2));
    }

    [Fact]
    public void Sizes_past_two_gigabytes_are_read()
    {
        var ch = LoggedIn()
            .Step("STAT\r\n", "+OK 1 3000000000\r\n")
            .Step("LIST\r\n", "+OK\r\n1 3000000000 octets\r\n.\r\n");
        var client = Connected(ch);
        Assert.Equal(3_000_000_000L, client.Stat().Size);
        Assert.Equal(3_000_000_000L, client.ListSizes(5)[0].Size);
    }

    [Fact]
    public void A_malformed_stat_is_a_protocol_error()
    {
        var ch = LoggedIn().Step("STAT\r\n", "+OK lots\r\n");
        var e = Assert.Throws<Pop3Exception>(() => Connected(ch).Stat());
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Contains("lots", e.Message);
    }

    [Fact]
    public void Top_with_zero_lines_streams_the_headers()
    {
        const string headers = "Return-Path: <ops@gateway.test>\r\nFrom: ops@gateway.test\r\nSubject: relay1 on\r\n\r\n";
        var ch = LoggedIn().Step("TOP 1 0\r\n", "+OK\r\n" + headers + ".\r\n");
        var sink = new CollectingSink();
        long n = Connected(ch).Top(1, 0, sink, 10_000);
        Assert.Equal(headers, sink.Text);
        Assert.Equal(headers.Length, n);
        Assert.Equal(4, sink.Lines);
    }

    [Theory]
    [InlineData(ReplayChannel.Delivery.Whole)]
    [InlineData(ReplayChannel.Delivery.ByLine)]
    [InlineData(ReplayChannel.Delivery.ByByte)]
    public void Retrieve_removes_the_stuffed_dots(ReplayChannel.Delivery delivery)
    {
        var ch = LoggedIn(delivery).Step("RETR 1\r\n", "+OK 48 octets\r\nSubject: x\r\n\r\n..\r\n...\r\n..leading\r\nmid.dot\r\n.\r\n");
        var sink = new CollectingSink();
        Connected(ch).Retrieve(1, sink, 10_000);
        Assert.Equal("Subject: x\r\n\r\n.\r\n..\r\n.leading\r\nmid.dot\r\n", sink.Text);
    }

    [Fact]
    public void A_message_within_the_budget_exactly_is_delivered()
    {
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\n" + Rfc1939Message1 + ".\r\n");
        var sink = new CollectingSink();
        Assert.Equal(Rfc1939Message1.Length, Connected(ch).Retrieve(1, sink, Rfc1939Message1.Length));
    }

    [Fact]
    public void A_message_over_the_budget_stops_the_session_and_is_never_buffered()
    {
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\n" + Rfc1939Message1 + ".\r\n");
        var client = Connected(ch);
        var sink = new CollectingSink();
        var e = Assert.Throws<Pop3Exception>(() => client.Retrieve(1, sink, Rfc1939Message1.Length - 1));
        Assert.Equal(Pop3ErrorKind.Limit, e.Kind);
        Assert.Equal(Pop3Stage.Retr, e.Stage);
        Assert.Contains("larger than the limit", e.Message);
        Assert.False(client.IsConnected);
        Assert.True(ch.Closed);
        Assert.True(sink.Text.Length <= Rfc1939Message1.Length - 1);
    }

    [Fact]
    public void A_message_line_longer_than_the_line_buffer_is_a_limit_and_closes()
    {
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\nSubject: x\r\n\r\n" + new string('a', Pop3Limits.MaxLine + 1) + "\r\n.\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Retrieve(1, new CollectingSink(), 1_000_000));
        Assert.Equal(Pop3ErrorKind.Limit, e.Kind);
        Assert.Contains("longer than " + Pop3Limits.MaxLine, e.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_delivered()
    {
        var line = new string('a', Pop3Limits.MaxLine);
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\n" + line + "\r\n.\r\n");
        var sink = new CollectingSink();
        Connected(ch).Retrieve(1, sink, 1_000_000);
        Assert.Equal(line + "\r\n", sink.Text);
    }

    [Fact]
    public void A_uidl_line_longer_than_the_limit_is_a_protocol_error()
    {
        var ch = LoggedIn().Step("UIDL\r\n", "+OK\r\n1 " + new string('u', Pop3Limits.MaxLine) + "\r\n.\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.ListUids(10));
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Err_to_retr_leaves_the_session_usable()
    {
        var ch = LoggedIn()
            .Step("RETR 9\r\n", "-ERR There's no message 9.\r\n")
            .Step("NOOP\r\n", "+OK\r\n")
            .Step("QUIT\r\n", "+OK Logging out.\r\n");
        var client = Connected(ch);
        var sink = new CollectingSink();
        var e = Assert.Throws<Pop3Exception>(() => client.Retrieve(9, sink, 1000));
        Assert.Equal(Pop3ErrorKind.Permanent, e.Kind);
        Assert.Equal(Pop3Stage.Retr, e.Stage);
        Assert.True(e.HasResponse);
        Assert.Equal("There's no message 9.", e.ServerText);
        Assert.Equal(0, sink.Lines);
        Assert.True(client.IsConnected);
        client.Noop();
        Assert.True(client.Quit());
        Assert.True(ch.Finished, ch.Transcript);
    }

    [Fact]
    public void Err_sys_temp_mid_session_is_transient_and_the_session_stays()
    {
        var ch = LoggedIn().Step("DELE 1\r\n", "-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information.\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Delete(1));
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(Pop3ResponseCode.SysTemp, e.CodeKind);
        Assert.Equal(Pop3Stage.Dele, e.Stage);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void Connection_closed_before_the_terminating_dot_is_transient()
    {
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\nSubject: x\r\n\r\nbody\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Retrieve(1, new CollectingSink(), 1000));
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(Pop3Stage.Retr, e.Stage);
        Assert.Contains("before the end", e.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Connection_closed_in_the_middle_of_a_line_is_transient()
    {
        var ch = LoggedIn().Step("UIDL\r\n", "+OK\r\n1 abc");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.ListUids(10));
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Connection_closed_instead_of_a_reply_is_transient()
    {
        var ch = LoggedIn().Step("STAT\r\n", "");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Stat());
        Assert.Equal(Pop3ErrorKind.Transient, e.Kind);
        Assert.Equal(Pop3Stage.Stat, e.Stage);
        Assert.False(e.HasResponse);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_reply_that_is_neither_ok_nor_err_mid_session_is_a_protocol_error()
    {
        var ch = LoggedIn().Step("NOOP\r\n", "* OK [IMAP4rev1] hello\r\n");
        var client = Connected(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Noop());
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_sink_that_throws_ends_the_session()
    {
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\n" + Rfc1939Message1 + ".\r\n");
        var client = Connected(ch);
        Assert.Throws<InvalidOperationException>(() => client.Retrieve(1, new ThrowingSink(), 1000));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Dele_rset_noop_and_quit()
    {
        var ch = LoggedIn()
            .Step("DELE 1\r\n", "+OK Marked to be deleted.\r\n")
            .Step("RSET\r\n", "+OK\r\n")
            .Step("NOOP\r\n", "+OK\r\n")
            .Step("QUIT\r\n", "+OK Logging out, messages deleted.\r\n");
        var client = Connected(ch);
        client.Delete(1);
        client.Reset();
        client.Noop();
        Assert.True(client.Quit());
        Assert.True(ch.Finished, ch.Transcript);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Quit_refused_says_the_deletions_may_not_have_happened()
    {
        var ch = LoggedIn()
            .Step("DELE 1\r\n", "+OK\r\n")
            .Step("QUIT\r\n", "-ERR some deleted messages not removed\r\n");
        var client = Connected(ch);
        client.Delete(1);
        Assert.False(client.Quit());
        Assert.False(client.IsConnected);
        Assert.True(ch.Closed);
    }

    [Fact]
    public void Quit_on_a_dropped_connection_returns_false_without_throwing()
    {
        var ch = LoggedIn().Step("QUIT\r\n", "");
        var client = Connected(ch);
        Assert.False(client.Quit());
        Assert.False(client.Quit());
    }

    [Fact]
    public void Commands_need_a_connection()
    {
        var client = new Pop3Client(new ReplayConnector(new ReplayChannel()), Options());
        Assert.Throws<InvalidOperationException>(() => client.Stat());
        Assert.Throws<InvalidOperationException>(() => client.Retrieve(1, new CollectingSink(), 10));
    }

    [Fact]
    public void Message_numbers_and_counts_are_checked_before_anything_is_sent()
    {
        var ch = LoggedIn();
        var client = Connected(ch);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Retrieve(0, new CollectingSink(), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Top(1, -1, new CollectingSink(), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.ListUids(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.ListSizes(Pop3Limits.MaxListed + 1));
        Assert.True(ch.Finished);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public void The_message_content_is_not_logged()
    {
        var log = new ListLog();
        var ch = LoggedIn().Step("RETR 1\r\n", "+OK\r\nSubject: secret plans\r\n\r\nbody\r\n.\r\n");
        var client = new Pop3Client(new ReplayConnector(ch), Options(TlsMode.Implicit), log);
        client.Connect();
        client.Retrieve(1, new CollectingSink(), 1000);
        var all = string.Join("\n", log.Lines);
        Assert.Contains("C: RETR 1", all);
        Assert.Contains("S: <31 bytes in 3 lines>", all);
        Assert.DoesNotContain("secret plans", all);
    }

    // ---- Large and endless servers: generated, not scripted ----

    const string Head = "+OK ready\r\n+OK\r\nUSER\r\n.\r\n+OK\r\n+OK Logged in.\r\n";

    static Pop3Client ConnectedTo(GeneratedChannel ch)
    {
        var options = Options(TlsMode.None);
        options.AllowPlainAuth = true;
        var client = new Pop3Client(new ReplayConnector(ch), options);
        client.Connect();
        return client;
    }

    /// <summary>A stuffed line and a plain one; a message is this block repeated.</summary>
    const string Block = "..stuffed line of the ten megabyte message, 0123456789abcdefghijklmnopqrstuvw\r\n" + "a plain line, 0123456789abcdefghijklm\r\n";

    [Fact]
    public void A_ten_megabyte_message_streams_through_without_being_buffered()
    {
        long blocks = 10L * 1024 * 1024 / Block.Length + 1; // just over 10 MiB on the wire
        var ch = new GeneratedChannel(Head + "+OK message follows\r\n", Block, blocks, ".\r\n+OK Logging out.\r\n");
        var client = ConnectedTo(ch);
        var sink = new CheckingSink(Block);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long size = client.Retrieve(1, sink, 16 * 1024 * 1024);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"RETR of {ch.Served} bytes on the wire: the client allocated {allocated} bytes");
        Assert.Equal(blocks * (Block.Length - 1), size); // one stuffed dot per block removed
        Assert.Equal(blocks * 2, sink.Lines);
        Assert.Equal(0, sink.Mismatches);
        Assert.True(allocated < 16 * 1024, $"the client allocated {allocated} bytes for a {blocks * Block.Length} byte message");
        Assert.True(client.Quit());
        Assert.EndsWith("RETR 1\r\nQUIT\r\n", ch.Written);
    }

    [Fact]
    public void A_ten_megabyte_message_over_the_cap_is_abandoned_early()
    {
        long blocks = 10L * 1024 * 1024 / Block.Length + 1;
        var ch = new GeneratedChannel(Head + "+OK message follows\r\n", Block, blocks, ".\r\n");
        var client = ConnectedTo(ch);
        var sink = new CheckingSink(Block);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<Pop3Exception>(() => client.Retrieve(1, sink, 64 * 1024));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"RETR over a 64 KiB cap: read {ch.Served} bytes, the client allocated {allocated} bytes");
        Assert.Equal(Pop3ErrorKind.Limit, e.Kind);
        Assert.True(sink.Bytes <= 64 * 1024);
        Assert.True(ch.Served < 70 * 1024, $"read {ch.Served} bytes for a 64 KiB cap");
        Assert.True(ch.Closed);
        Assert.True(allocated < 16 * 1024, $"the client allocated {allocated} bytes");
    }

    [Fact]
    public void An_endless_uidl_response_is_a_protocol_error_in_bounded_memory()
    {
        var ch = new GeneratedChannel(Head + "+OK\r\n", "1 000000010000000a\r\n", long.MaxValue, "");
        var client = ConnectedTo(ch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<Pop3Exception>(() => client.ListUids(10));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"endless UIDL: read {ch.Served} bytes, the client allocated {allocated} bytes");
        Assert.Equal(Pop3ErrorKind.Protocol, e.Kind);
        Assert.Equal(Pop3Stage.Uidl, e.Stage);
        Assert.Contains("longer than " + Pop3Limits.MaxListLines, e.Message);
        Assert.InRange(ch.BlocksServed, Pop3Limits.MaxListLines + 1, Pop3Limits.MaxListLines + 100); // stopped right after the bound (one read ahead)
        Assert.True(allocated < 32 * 1024, $"the client allocated {allocated} bytes");
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void An_endless_message_is_stopped_by_the_budget()
    {
        var ch = new GeneratedChannel(Head + "+OK\r\n", "x\r\n", long.MaxValue, "");
        var client = ConnectedTo(ch);
        var e = Assert.Throws<Pop3Exception>(() => client.Retrieve(1, new CheckingSink("x\r\n"), 100_000));
        Assert.Equal(Pop3ErrorKind.Limit, e.Kind);
        Assert.True(ch.Served < 110_000);
    }

    static string Stuff(string body) => string.Concat(body.Split("\r\n").Select((l, i) => (i > 0 ? "\r\n" : "") + (l.StartsWith('.') ? "." + l : l)));

    /// <summary>Keeps the message, for small ones.</summary>
    sealed class CollectingSink : ILineSink
    {
        readonly StringBuilder _text = new();
        public int Lines;
        public string Text => _text.ToString();

        public void Line(byte[] buffer, int offset, int count)
        {
            Lines++;
            _text.Append(Encoding.UTF8.GetString(buffer, offset, count)).Append("\r\n");
        }
    }

    /// <summary>Compares each line with the generated block's, unstuffed, without allocating.</summary>
    sealed class CheckingSink(string block) : ILineSink
    {
        readonly byte[][] _expected = block.Split("\r\n")[..^1].Select(l => Encoding.ASCII.GetBytes(l.StartsWith('.') ? l[1..] : l)).ToArray();
        public long Lines;
        public long Bytes;
        public long Mismatches;

        public void Line(byte[] buffer, int offset, int count)
        {
            var expected = _expected[Lines % _expected.Length];
            if (!buffer.AsSpan(offset, count).SequenceEqual(expected)) Mismatches++;
            Lines++;
            Bytes += count + 2;
        }
    }

    sealed class ThrowingSink : ILineSink
    {
        public void Line(byte[] buffer, int offset, int count) => throw new InvalidOperationException("sink failed");
    }
}
