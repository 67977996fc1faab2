using System.Text;
using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class MimeReaderStructureTests
{
    static byte[] Message(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    static MimeReader Read(params string[] lines) => MimeFeed.Read(Message(lines));

    [Fact]
    public void Folded_subject_is_unfolded_keeping_the_blank_after_the_break()
    {
        var reader = Read("Subject: relay1", "\t on now", "", "x");
        Assert.Equal("relay1\t on now", reader.Subject);
    }

    [Fact]
    public void Header_names_are_matched_whatever_their_case()
    {
        var reader = Read("FROM: a@example.org", "sUBJECT: hi", "message-id: <1@x>", "", "x");
        Assert.Equal("a@example.org", reader.From);
        Assert.Equal("hi", reader.Subject);
        Assert.Equal("<1@x>", reader.MessageId);
    }

    [Fact]
    public void Blank_before_the_colon_is_accepted_as_obsolete_syntax()
    {
        Assert.Equal("old style", Read("Subject : old style", "", "x").Subject);
    }

    [Fact]
    public void Reply_to_and_auto_submitted_are_kept()
    {
        var reader = Read("From: a@example.org", "Reply-To: \"Ops, Desk\" <desk@example.org>, b@example.org", "Auto-Submitted: auto-replied", "", "x");
        Assert.Equal("desk@example.org", reader.ReplyTo);
        Assert.Equal("auto-replied", reader.AutoSubmitted);
    }

    [Fact]
    public void The_first_of_repeated_headers_wins()
    {
        Assert.Equal("first@example.org", Read("From: first@example.org", "From: second@example.org", "", "x").From);
    }

    [Fact]
    public void A_message_without_content_type_is_us_ascii_text()
    {
        var reader = Read("Subject: s", "", "status", "ping");
        Assert.Equal("status\nping\n", reader.Text);
        Assert.Equal("text/plain; charset=us-ascii", reader.ContentType);
    }

    [Fact]
    public void Boundary_without_quotes_and_with_trailing_blanks_is_matched()
    {
        var reader = Read("Content-Type: multipart/mixed; boundary=b1", "", "--b1 \t", "", "text", "--b1--  ");
        Assert.Equal("text", reader.Text);
        Assert.Equal(MimeFlags.None, reader.Flags);
    }

    [Fact]
    public void A_line_that_only_starts_like_the_boundary_is_content()
    {
        var reader = Read("Content-Type: multipart/mixed; boundary=b1", "", "--b1", "", "--b1x", "--b1 -", "--b1--");
        Assert.Equal("--b1x\n--b1 -", reader.Text);
    }

    [Fact]
    public void Preamble_and_epilogue_are_ignored()
    {
        var reader = Read("Content-Type: multipart/mixed; boundary=b", "", "preamble text", "--b", "", "body", "--b--", "epilogue text");
        Assert.Equal("body", reader.Text);
    }

    [Fact]
    public void Parameter_names_are_matched_whatever_their_case_and_values_may_be_quoted_with_escapes()
    {
        Assert.Equal("a\"b", MimeHeaderValue.Parameter("multipart/mixed; BOUNDARY=\"a\\\"b\"", "boundary"));
        Assert.Equal("utf-8", MimeHeaderValue.Parameter("text/plain; format=flowed; Charset = utf-8 ", "charset"));
        Assert.Null(MimeHeaderValue.Parameter("text/plain; charset*=utf-8''x", "charset")); // RFC 2231: not supported
    }

    [Fact]
    public void Media_type_is_lower_case_without_parameters_or_comments()
    {
        Assert.Equal("text/html", MimeHeaderValue.MediaType(" Text/HTML (a comment); charset=x"));
    }

    [Theory]
    [InlineData("\"Doe, <John>\" <john@example.org>", "john@example.org")]
    [InlineData("john@example.org (John Doe)", "john@example.org")]
    [InlineData("  john@example.org  ", "john@example.org")]
    [InlineData("a@example.org, b@example.org", "a@example.org")]
    [InlineData("", "")]
    public void Address_is_taken_from_angle_brackets_or_without_comments(string value, string expected)
    {
        Assert.Equal(expected, MimeHeaderValue.Address(value));
    }

    [Fact]
    public void Text_plain_after_an_html_part_replaces_the_html_text()
    {
        var reader = Read(
            "Content-Type: multipart/alternative; boundary=b", "",
            "--b", "Content-Type: text/html", "", "<p>from html</p>",
            "--b", "Content-Type: text/plain", "", "from plain",
            "--b--");
        Assert.Equal("from plain", reader.Text);
        Assert.False(reader.TextIsFromHtml);
        Assert.Equal("text/plain", reader.ContentType);
    }

    [Fact]
    public void Only_the_first_text_plain_part_is_taken()
    {
        var reader = Read(
            "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "", "first", "--b", "", "second", "--b--");
        Assert.Equal("first", reader.Text);
    }

    [Fact]
    public void A_text_plain_attachment_is_not_the_text()
    {
        var reader = Read(
            "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "Content-Type: text/plain; name=log.txt", "Content-Disposition: attachment; filename=log.txt", "", "log lines",
            "--b", "Content-Type: text/plain", "", "the text",
            "--b--");
        Assert.Equal("the text", reader.Text);
    }

    [Fact]
    public void Message_rfc822_parts_are_skipped_with_their_text()
    {
        var reader = Read(
            "Content-Type: multipart/mixed; boundary=b", "",
            "--b", "Content-Type: message/rfc822", "", "Subject: inner", "", "inner text",
            "--b--");
        Assert.False(reader.HasText);
        Assert.Equal("", reader.Text);
    }

    [Fact]
    public void Base64_groups_split_across_lines_of_any_length_decode()
    {
        // "status\r\nping" in base64 is "c3RhdHVzDQpwaW5n", fed in lines of 5, 3 and 8 characters.
        var reader = Read("Content-Transfer-Encoding: base64", "", "c3Rhd", "HVz", "DQpwaW5n");
        Assert.Equal("status\nping", reader.Text);
        Assert.Equal(MimeFlags.None, reader.Flags);
    }

    [Fact]
    public void A_body_line_longer_than_the_chunk_size_is_decoded_whole()
    {
        var word = new string('x', 5000);
        var reader = MimeFeed.Read(Message("Content-Transfer-Encoding: quoted-printable", "", word + "=", "=C3=A9"), new MimeLimits { ChunkSize = 64 });
        Assert.Equal(word + "\u00e9\n", reader.Text);
    }

    [Fact]
    public void Utf8_split_across_quoted_printable_lines_decodes_as_one_character()
    {
        var reader = Read("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "", "Gr=C3=", "=BC=C3=9Fe");
        Assert.Equal("Gr\u00fc\u00dfe\n", reader.Text);
    }

    [Fact]
    public void Windows_1252_text_decodes_its_0x80_to_0x9F_characters()
    {
        var reader = Read("Content-Type: text/plain; charset=windows-1252", "Content-Transfer-Encoding: quoted-printable", "", "=93ok=94 =80 =E9");
        Assert.Equal("\u201cok\u201d \u20ac \u00e9\n", reader.Text);
    }

    [Fact]
    public void Latin1_text_maps_each_byte_to_its_code_point()
    {
        var reader = Read("Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "", "=93=E9");
        Assert.Equal("\u0093\u00e9\n", reader.Text);
    }

    [Fact]
    public void Headers_only_mode_ignores_what_follows_the_blank_line()
    {
        var reader = MimeFeed.Read(Message("From: a@example.org", "", "status"), headersOnly: true);
        Assert.True(reader.HeadersComplete);
        Assert.False(reader.HasText);
    }

    [Fact]
    public void Headers_are_complete_only_after_the_blank_line()
    {
        var reader = new MimeReader();
        var line = Encoding.ASCII.GetBytes("From: a@example.org");
        reader.Line(line, 0, line.Length);
        Assert.False(reader.HeadersComplete);
        reader.Line(line, 0, 0);
        Assert.True(reader.HeadersComplete);
        Assert.Equal("a@example.org", reader.From);
    }

    [Fact]
    public void A_message_of_headers_only_without_blank_line_still_gives_its_headers()
    {
        var reader = Read("From: a@example.org", "Subject: no body");
        Assert.Equal("no body", reader.Subject);
        Assert.True(reader.HeadersComplete);
        Assert.Equal(MimeFlags.None, reader.Flags);
    }

    [Fact]
    public void End_twice_changes_nothing()
    {
        var reader = new MimeReader();
        MimeFeed.Lines(reader, Message("", "status"));
        reader.End();
        reader.End();
        Assert.Equal("status\n", reader.Text);
    }

    [Fact]
    public void Lines_are_read_from_their_offset_in_the_callers_buffer()
    {
        var buffer = Encoding.ASCII.GetBytes("XXFrom: a@example.orgYYstatusZZ");
        var reader = new MimeReader();
        reader.Line(buffer, 2, 19);
        reader.Line(buffer, 21, 0);
        reader.Line(buffer, 23, 6);
        reader.End();
        Assert.Equal("a@example.org", reader.From);
        Assert.Equal("status\n", reader.Text);
    }

    [Fact]
    public void A_line_outside_the_buffer_is_a_callers_error()
    {
        var reader = new MimeReader();
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Line(new byte[4], 2, 3));
    }

    [Fact]
    public void A_digest_part_without_content_type_is_a_message_and_not_the_text()
    {
        var reader = Read(
            "Content-Type: multipart/mixed; boundary=m", "",
            "--m", "Content-Type: multipart/digest; boundary=d", "",
            "--d", "", "Subject: digested", "", "not this",
            "--d--",
            "--m", "", "this",
            "--m--");
        Assert.Equal("this", reader.Text);
    }

    [Fact]
    public void Reset_in_the_middle_of_a_quoted_printable_escape_leaves_nothing_behind()
    {
        var reader = new MimeReader();
        MimeFeed.Lines(reader, Message("Content-Transfer-Encoding: quoted-printable", "", "abc=4"));
        reader.Reset();
        MimeFeed.Lines(reader, Message("Content-Transfer-Encoding: quoted-printable", "", "1x"));
        reader.End();
        Assert.Equal("1x\n", reader.Text);
        Assert.Equal(MimeFlags.None, reader.Flags);
    }
}
