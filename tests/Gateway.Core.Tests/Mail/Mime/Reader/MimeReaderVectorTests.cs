using Gateway.Mail.Mime;
using MimeKit;
using MimeReader = Gateway.Mail.Mime.MimeReader;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

public class MimeReaderVectorTests
{
    static MimeReaderVectorTests()
    {
        // windows-1252 (Outlook's subjects) is not built into .NET: MimeKit needs the code page provider.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    }

    static MimeMessage LoadWithMimeKit(byte[] message) => MimeMessage.Load(new MemoryStream(message));

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Extracts_the_sender_address(MimeVector vector)
    {
        Assert.Equal(vector.From, MimeFeed.Read(vector.Bytes).From);
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Extracts_the_decoded_subject(MimeVector vector)
    {
        Assert.Equal(vector.Subject, MimeFeed.Read(vector.Bytes).Subject);
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Extracts_the_text(MimeVector vector)
    {
        var reader = MimeFeed.Read(vector.Bytes);
        Assert.Equal(vector.Text, reader.Text);
        Assert.True(reader.HasText);
        Assert.Equal(!vector.HasPlain, reader.TextIsFromHtml);
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Reports_no_problem_in_a_well_formed_message(MimeVector vector)
    {
        Assert.Equal(MimeFlags.None, MimeFeed.Read(vector.Bytes).Flags);
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Text_matches_what_MimeKit_takes_for_the_text_body(MimeVector vector)
    {
        var message = LoadWithMimeKit(vector.Bytes);
        var reader = MimeFeed.Read(vector.Bytes);
        if (vector.HasPlain)
            Assert.Equal(message.TextBody!.Replace("\r\n", "\n"), reader.Text);
        else
            Assert.Null(message.TextBody);
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Sender_and_subject_match_what_MimeKit_reads(MimeVector vector)
    {
        var message = LoadWithMimeKit(vector.Bytes);
        var reader = MimeFeed.Read(vector.Bytes);
        Assert.Equal(message.From.Mailboxes.First().Address, reader.From);
        Assert.Equal(message.Subject, reader.Subject);
    }

    [Theory]
    [MemberData(nameof(ClientVectors.Each), MemberType = typeof(ClientVectors))]
    public void Message_id_and_date_match_what_MimeKit_reads(MimeVector vector)
    {
        var message = LoadWithMimeKit(vector.Bytes);
        var reader = MimeFeed.Read(vector.Bytes);
        Assert.Equal("<" + message.MessageId + ">", reader.MessageId);
        Assert.Equal(message.Headers[HeaderId.Date]!.Trim(), reader.Date);
    }

    [Fact]
    public void Mutt_reply_keeps_in_reply_to_and_unfolds_references()
    {
        var reader = MimeFeed.Read(ClientVectors.Mutt.Bytes);
        Assert.Equal("<alert.20261126.0945.81c2@gateway.test>", reader.InReplyTo);
        Assert.Equal("<alert.20261126.0931.7f3a@gateway.test> <alert.20261126.0945.81c2@gateway.test>", reader.References);
        Assert.Equal("Carl M\u00fcller <carl@example.net>", reader.FromHeader);
    }

    [Fact]
    public void Content_type_is_that_of_the_part_the_text_came_from()
    {
        Assert.Equal("text/plain; charset=\"utf-8\"", MimeFeed.Read(ClientVectors.Outlook.Bytes).ContentType);
        Assert.Equal("text/plain;\tcharset=utf-8", MimeFeed.Read(ClientVectors.AppleMail.Bytes).ContentType);
        Assert.Equal("text/html; charset=windows-1252", MimeFeed.Read(ClientVectors.HtmlOnly.Bytes).ContentType);
    }

    [Fact]
    public void Counts_the_parts_of_nested_multiparts()
    {
        // message, alternative, plain, html, pdf, rfc822
        Assert.Equal(6, MimeFeed.Read(ClientVectors.NestedMixedAlternative.Bytes).PartCount);
    }

    [Fact]
    public void Headers_only_mode_reads_the_headers_of_a_top_response_and_no_text()
    {
        var reader = MimeFeed.Read(ClientVectors.Gmail.Bytes, headersOnly: true);
        Assert.True(reader.HeadersComplete);
        Assert.Equal("bob.example@gmail.example", reader.From);
        Assert.Equal("<CAF3q7bXkP2m9VfR0sWJ8yZ1tQn4LcE5uH6gD7aB8xY9zA0bC1d@mail.gmail.example>", reader.MessageId);
        Assert.False(reader.HasText);
        Assert.Equal("", reader.Text);
        Assert.Equal(MimeFlags.None, reader.Flags);
    }

    [Fact]
    public void A_reader_reset_reads_the_next_message_like_a_new_one()
    {
        var reader = new MimeReader();
        MimeFeed.Lines(reader, ClientVectors.Outlook.Bytes);
        reader.End();
        reader.Reset();
        MimeFeed.Lines(reader, ClientVectors.Mutt.Bytes);
        reader.End();
        Assert.Equal(ClientVectors.Mutt.Text, reader.Text);
        Assert.Equal(ClientVectors.Mutt.Subject, reader.Subject);
        Assert.Equal("", reader.ReplyTo);
    }
}
