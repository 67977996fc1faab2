using Gateway.Core.Net;
using Gateway.Core.Tests.Imap;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Imap;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// IMAP servers that try to exhaust or confuse the device (issue 17): each ends in a typed error, in
/// memory that does not grow with what the server sends, reading no more than a bounded share of it,
/// with the connection closed. The scripted cases of the client's own tests (a 100 MB literal with a
/// short body, BYE before a FETCH, a 3,000-byte message line) are not repeated; these generate the
/// megabytes for real. An IDLE that is never acknowledged needs a real socket's timeout:
/// tests/Gateway.Host.Tests/Faults/HostileImapServerSocketTests.
/// </summary>
public class HostileImapServerTests
{
    const int HundredMegabytes = 100 * 1024 * 1024;

    /// <summary>Far below what the servers send; the client's working memory is its two buffers.</summary>
    const long AllocationBound = 64 * 1024;

    /// <summary>Greeting with IDLE, no STARTTLS, no login (a test server on a clear line).</summary>
    const string Greeting = "* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] hostile ready\r\n";

    static ImapClient Client(IChannel channel)
    {
        var options = ImapClientTests.Options(TlsMode.None);
        options.User = null;
        var client = new ImapClient(new ReplayConnector(channel), options);
        client.Connect();
        return client;
    }

    static ImapException Fails(Action step, out long allocated)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImapException>(step);
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return e;
    }

    [Fact]
    public void Endless_untagged_lines_to_a_command_end_after_the_cap_in_bounded_memory()
    {
        var server = new GeneratedChannel(Greeting, "* 1 RECENT\r\n", long.MaxValue, "");
        var client = Client(server);
        var e = Fails(client.Noop, out long allocated);
        Assert.Equal(ImapErrorKind.Protocol, e.Kind);
        Assert.Contains("more than 10000 untagged responses to one command", e.Message);
        Assert.InRange(server.BlocksServed, ImapLimits.MaxUntagged, ImapLimits.MaxUntagged + 200); // stopped at the cap
        Assert.True(server.Closed);
        // Each response's atoms are short-lived strings: garbage in proportion to the cap, nothing kept.
        Assert.True(allocated < ImapLimits.MaxUntagged * 200, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Endless_untagged_lines_in_idle_end_after_the_cap_not_at_the_keep_alive()
    {
        var server = new GeneratedChannel(Greeting + "+ idling\r\n", "* 1 RECENT\r\n", long.MaxValue, "");
        var client = Client(server);
        client.StartIdle();
        var e = Fails(() =>
        {
            // The poller calls WaitIdle again and again: each call reads what came; the sum is capped.
            for (int calls = 0; calls < 100_000; calls++) client.WaitIdle(0);
        }, out long allocated);
        Assert.Equal(ImapErrorKind.Protocol, e.Kind);
        Assert.Contains("untagged responses in one IDLE", e.Message);
        Assert.InRange(server.BlocksServed, ImapLimits.MaxUntagged, ImapLimits.MaxUntagged + 200);
        Assert.False(client.IsConnected);
        Assert.True(allocated < ImapLimits.MaxUntagged * 200, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_hundred_megabyte_body_literal_is_refused_unread()
    {
        var server = new GeneratedChannel(Greeting + "* 3 FETCH (UID 7 BODY[] {" + HundredMegabytes + "}\r\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n", HundredMegabytes / 92, ")\r\nA1 OK\r\n");
        var client = Client(server);
        var e = Fails(() => client.FetchBody(7, new ImapClientTests.Lines(), 64 * 1024), out long allocated);
        Assert.Equal(ImapErrorKind.Limit, e.Kind);
        Assert.Contains("104857600 octets", e.Message);
        Assert.True(server.Served < 4096, $"read {server.Served} bytes of a 100 MB literal");
        Assert.True(server.Closed);
        Assert.True(allocated < AllocationBound, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_hundred_megabyte_literal_nobody_asked_for_is_refused_unread()
    {
        // In an untagged response the client skips (a LIST): skipped only up to 64 KB.
        var server = new GeneratedChannel(Greeting + "* LIST () NIL {" + HundredMegabytes + "}\r\n", new string('y', 1022) + "\r\n", HundredMegabytes / 1024, "\r\nA1 OK\r\n");
        var client = Client(server);
        var e = Fails(client.Noop, out long allocated);
        Assert.Equal(ImapErrorKind.Limit, e.Kind);
        Assert.True(server.Served < 4096, $"read {server.Served} bytes");
        Assert.False(client.IsConnected);
        Assert.True(allocated < AllocationBound, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_literal_longer_than_it_said_leaves_the_rest_to_be_parsed_as_a_response_and_fails()
    {
        // {10} announced, 40 octets sent: the 30 left over are read as FETCH items and refused.
        var ch = ImapClientTests.StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n",
            "* 3 FETCH (UID 7 BODY[] {10}\r\nFrom: a@b\r\nSubject: [dev] (relay on\r\n)\r\nA4 OK\r\n");
        var client = ImapClientTests.Connected(ch);
        var lines = new ImapClientTests.Lines();
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, lines, 64 * 1024));
        Assert.Equal(ImapErrorKind.Protocol, e.Kind);
        Assert.StartsWith("UID FETCH: malformed response", e.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_literal_shorter_than_it_said_swallows_the_tagged_answer_and_the_fetch_never_completes()
    {
        // {500} announced, 40 octets and the tagged OK sent, then the server closes: the OK is message
        // text to the client, which never takes the fetch as done (the poller runs nothing from it).
        var ch = ImapClientTests.StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n",
            "* 3 FETCH (UID 7 BODY[] {500}\r\nFrom: a@b\r\nSubject: [dev] x\r\n\r\nrelay on\r\n)\r\nA4 OK Fetch completed.\r\n");
        var client = ImapClientTests.Connected(ch);
        var lines = new ImapClientTests.Lines();
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, lines, 64 * 1024));
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.Contains("closed the connection in the middle of a response", e.Message);
        Assert.Contains("A4 OK Fetch completed.", lines.All); // read as the message, never as the answer
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Bye_after_a_whole_body_still_fails_the_fetch()
    {
        // The body came whole, then BYE instead of the tagged OK: the fetch is not complete.
        var ch = ImapClientTests.StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n",
            "* 3 FETCH (UID 7 BODY[] {10}\r\nrelay on\r\n)\r\n* BYE [UNAVAILABLE] shutting down\r\n");
        var client = ImapClientTests.Connected(ch);
        var lines = new ImapClientTests.Lines();
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, lines, 64 * 1024));
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.Equal("BYE", e.Status);
        Assert.Equal(["relay on"], lines.All);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void Bye_inside_a_body_literal_is_message_text_and_the_close_after_it_fails_the_fetch()
    {
        var ch = ImapClientTests.StartTlsAndPlain().Step("A4 UID FETCH 7 (UID BODY.PEEK[])\r\n",
            "* 3 FETCH (UID 7 BODY[] {200}\r\nSubject: x\r\n\r\n* BYE bogus\r\n");
        var client = ImapClientTests.Connected(ch);
        var e = Assert.Throws<ImapException>(() => client.FetchBody(7, new ImapClientTests.Lines(), 64 * 1024));
        Assert.Equal(ImapErrorKind.Transient, e.Kind);
        Assert.Equal("", e.Status); // not taken for the server's BYE
        Assert.False(client.IsConnected);
    }
}
