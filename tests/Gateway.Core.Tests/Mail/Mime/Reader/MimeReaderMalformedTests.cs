using System.Text;
using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class MimeReaderMalformedTests
{
    static byte[] Message(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    static MimeReader Read(params string[] lines) => MimeFeed.Read(Message(lines));

    static void Feed(MimeReader reader, string line)
    {
        var b = Encoding.UTF8.GetBytes(line);
        reader.Line(b, 0, b.Length);
    }

    [Fact]
    public void Missing_closing_boundary_keeps_the_text_and_is_flagged()
    {
        var reader = Read("Content-Type: multipart/mixed; boundary=b", "", "--b", "", "status", "ping");
        Assert.Equal("status\nping", reader.Text);
        Assert.Equal(MimeFlags.MissingCloseBoundary, reader.Flags);
    }

    [Fact]
    public void An_outer_boundary_closes_an_unclosed_inner_multipart_and_is_flagged()
    {
        var reader = Read(
            "Content-Type: multipart/mixed; boundary=outer", "",
            "--outer", "Content-Type: multipart/alternative; boundary=inner", "",
            "--inner", "Content-Type: application/octet-stream", "", "xx",
            "--outer", "", "after",
            "--outer--");
        Assert.Equal("after", reader.Text);
        Assert.Equal(MimeFlags.MissingCloseBoundary, reader.Flags);
    }

    [Fact]
    public void Invalid_base64_characters_are_skipped_and_flagged()
    {
        var reader = Read("Content-Transfer-Encoding: base64", "", "c3Rh!dHVz*");
        Assert.Equal("status", reader.Text);
        Assert.Equal(MimeFlags.InvalidBase64, reader.Flags);
    }

    [Fact]
    public void A_base64_group_cut_short_is_flagged()
    {
        var reader = Read("Content-Transfer-Encoding: base64", "", "c3RhdHVzD");
        Assert.Equal("status", reader.Text);
        Assert.Equal(MimeFlags.InvalidBase64, reader.Flags);
    }

    [Fact]
    public void Invalid_quoted_printable_is_kept_literally_and_flagged()
    {
        var reader = Read("Content-Transfer-Encoding: quoted-printable", "", "a=ZZb =4");
        Assert.Equal("a=ZZb =4", reader.Text.TrimEnd('\n'));
        Assert.Equal(MimeFlags.InvalidQuotedPrintable, reader.Flags);
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters_and_is_flagged()
    {
        var reader = Read("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "", "a=FFb=C3");
        Assert.Equal("a\ufffdb\ufffd\n", reader.Text);
        Assert.Equal(MimeFlags.InvalidUtf8, reader.Flags);
    }

    [Fact]
    public void An_unknown_charset_is_read_as_utf8_and_flagged()
    {
        var reader = Read("Content-Type: text/plain; charset=koi8-r", "", "status");
        Assert.Equal("status\n", reader.Text);
        Assert.Equal(MimeFlags.UnknownCharset, reader.Flags);
    }

    [Fact]
    public void An_unknown_transfer_encoding_is_taken_as_it_stands_and_flagged()
    {
        var reader = Read("Content-Transfer-Encoding: x-uuencode", "", "status");
        Assert.Equal("status\n", reader.Text);
        Assert.Equal(MimeFlags.UnknownTransferEncoding, reader.Flags);
    }

    [Fact]
    public void A_header_without_colon_is_ignored_and_flagged()
    {
        var reader = Read("From: a@example.org", "this is no header", "Subject: still read", "", "x");
        Assert.Equal("still read", reader.Subject);
        Assert.Equal(MimeFlags.HeaderWithoutColon, reader.Flags);
    }

    [Fact]
    public void A_100_KB_subject_is_cut_at_the_header_line_limit_and_flagged()
    {
        var reader = Read("Subject: " + new string('s', 100 * 1024), "From: a@example.org", "", "status");
        Assert.Equal(new string('s', 2048 - "Subject: ".Length), reader.Subject);
        Assert.Equal("a@example.org", reader.From);
        Assert.Equal("status\n", reader.Text);
        Assert.Equal(MimeFlags.HeaderTruncated, reader.Flags);
    }

    [Fact]
    public void A_subject_folded_over_thousands_of_lines_is_cut_and_flagged()
    {
        var lines = new List<string> { "Subject: start" };
        for (int i = 0; i < 5000; i++) lines.Add(" folded");
        lines.AddRange(new[] { "From: a@example.org", "", "x" });
        var reader = MimeFeed.Read(Message(lines.ToArray()));
        Assert.True(reader.Subject.Length <= 2048);
        Assert.StartsWith("start folded folded", reader.Subject);
        Assert.Equal("a@example.org", reader.From);
        Assert.Equal(MimeFlags.HeaderTruncated, reader.Flags);
    }

    [Fact]
    public void A_header_block_over_its_limit_is_skipped_to_the_blank_line_and_flagged()
    {
        var lines = new List<string> { "From: a@example.org" };
        for (int i = 0; i < 2000; i++) lines.Add("X-Filler-" + i + ": " + new string('f', 60));
        lines.AddRange(new[] { "Subject: too late", "", "status" });
        var reader = MimeFeed.Read(Message(lines.ToArray()), new MimeLimits { MaxHeaderBlock = 16 * 1024 });
        Assert.Equal("a@example.org", reader.From);
        Assert.Equal("", reader.Subject);
        Assert.Equal("status\n", reader.Text);
        Assert.Equal(MimeFlags.HeaderBlockTooLarge, reader.Flags);
    }

    [Fact]
    public void Text_over_its_limit_is_cut_and_flagged()
    {
        var reader = MimeFeed.Read(Message("", new string('a', 100), new string('b', 100)), new MimeLimits { MaxTextChars = 150 });
        Assert.Equal(new string('a', 100) + "\n" + new string('b', 49), reader.Text);
        Assert.Equal(MimeFlags.TextTruncated, reader.Flags);
    }

    [Fact]
    public void A_multipart_without_boundary_is_skipped_and_flagged()
    {
        var reader = Read("Content-Type: multipart/mixed", "", "--x", "", "text");
        Assert.False(reader.HasText);
        Assert.Equal(MimeFlags.BadBoundary, reader.Flags);
    }

    [Fact]
    public void A_boundary_longer_than_allowed_is_refused_and_flagged()
    {
        var reader = Read("Content-Type: multipart/mixed; boundary=" + new string('b', 500), "", "text");
        Assert.False(reader.HasText);
        Assert.Equal(MimeFlags.BadBoundary, reader.Flags);
    }

    [Fact]
    public void A_message_ending_inside_a_part_header_block_is_flagged()
    {
        var reader = Read("Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain");
        Assert.Equal(MimeFlags.EndedInHeaders | MimeFlags.MissingCloseBoundary, reader.Flags);
    }

    [Fact]
    public void Multiparts_nested_deeper_than_the_limit_are_skipped_and_flagged()
    {
        var lines = new List<string>();
        for (int i = 0; i < 1000; i++)
        {
            lines.Add("Content-Type: multipart/mixed; boundary=level" + i);
            lines.Add("");
            lines.Add("--level" + i);
        }
        lines.AddRange(new[] { "", "deep text" });
        for (int i = 999; i >= 0; i--) lines.Add("--level" + i + "--");
        var reader = MimeFeed.Read(Message(lines.ToArray()));
        Assert.False(reader.HasText);
        Assert.Equal(MimeFlags.DepthExceeded, reader.Flags);
        Assert.Equal(9, reader.PartCount); // the message and one part in each of the 8 multiparts read
    }

    [Fact]
    public void Text_beside_a_too_deep_multipart_is_still_found()
    {
        var lines = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            lines.Add("Content-Type: multipart/mixed; boundary=level" + i);
            lines.Add("");
            lines.Add("--level" + i);
        }
        lines.AddRange(new[] { "", "too deep" });
        for (int i = 11; i >= 1; i--) lines.Add("--level" + i + "--");
        lines.AddRange(new[] { "--level0", "", "shallow text", "--level0--" });
        var reader = MimeFeed.Read(Message(lines.ToArray()), new MimeLimits { MaxDepth = 3 });
        Assert.Equal("shallow text", reader.Text);
        Assert.True((reader.Flags & MimeFlags.DepthExceeded) != 0);
    }

    [Fact]
    public void Lines_after_end_are_ignored()
    {
        var reader = Read("", "status");
        Feed(reader, "more");
        Assert.Equal("status\n", reader.Text);
    }

    [Fact]
    public void A_50_MB_attachment_is_skipped_in_bounded_memory_and_the_text_beside_it_kept()
    {
        var reader = new MimeReader();
        foreach (var line in new[] { "Content-Type: multipart/mixed; boundary=b", "", "--b", "", "status", "--b",
                     "Content-Type: application/octet-stream", "Content-Transfer-Encoding: base64", "" })
            Feed(reader, line);
        var body = Encoding.ASCII.GetBytes(new string('A', 76));
        for (int i = 0; i < 10_000; i++) reader.Line(body, 0, body.Length); // past the JIT's tiering of the loop
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long sent = 0; sent < 50L * 1024 * 1024; sent += body.Length + 2)
            reader.Line(body, 0, body.Length);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Feed(reader, "--b--");
        reader.End();
        Assert.Equal("status", reader.Text);
        Assert.Equal(MimeFlags.None, reader.Flags);
        // 690,000 lines: anything allocated per line would be megabytes. The runtime itself may allocate a
        // little on this thread now and then (2,032 bytes were seen once), which is not the reader's.
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes while skipping");
    }
}
