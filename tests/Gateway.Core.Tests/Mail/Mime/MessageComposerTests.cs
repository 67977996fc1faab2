using System.Globalization;
using System.Text;
using Gateway.Core.Tests.Support;
using Gateway.Core.Text;
using Gateway.Mail.Mime;
using MimeKit;

namespace Gateway.Core.Tests.Mail.Mime;

/// <summary>
/// Every message is composed, checked line by line (CRLF only, header lines within RFC 5322 2.1.1's
/// limits) and parsed back by MimeKit, which must see the same headers and body text.
/// </summary>
public class MessageComposerTests
{
    static readonly DateTime When = new(2026, 11, 27, 2, 19, 12, DateTimeKind.Utc);

    static readonly string[] BasicHeaders =
        ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"];

    static OutgoingMessage Message(string subject = "Alert: greenhouse temperature", string body = "Temperature 31.5 C is above 30 C.\r\n") => new()
    {
        From = "gateway@example.com",
        FromName = "Greenhouse gateway",
        To = ["alice@example.com"],
        Subject = subject,
        Body = body,
        MessageId = "3f2a9c01@demo-01.gateway",
        DateUtc = When,
    };

    sealed record Composed(byte[] Bytes, BodyEncoding Encoding, string[] HeaderLines, string[] HeaderNames, byte[] Body, MimeMessage Parsed);

    static Composed Compose(OutgoingMessage m, bool eightBitAllowed)
    {
        var bytes = MessageComposer.Compose(m, eightBitAllowed, out var encoding);
        AssertOnlyCrlfLineEnds(bytes);
        int split = IndexOf(bytes, "\r\n\r\n"u8.ToArray());
        Assert.True(split > 0, "no blank line after the header");
        var head = bytes[..(split + 2)];
        Assert.All(head, b => Assert.True(b < 0x80, "the header block must be ASCII"));
        var lines = Encoding.ASCII.GetString(head).Split("\r\n")[..^1];
        foreach (var line in lines)
            Assert.True(line.Length <= MessageComposer.MaxLineLength, "header line over 998: " + line.Length);
        var names = lines.Where(l => l[0] != ' ' && l[0] != '\t').Select(l => l[..l.IndexOf(':')]).ToArray();
        var parsed = MimeMessage.Load(new MemoryStream(bytes));
        return new Composed(bytes, encoding, lines, names, bytes[(split + 4)..], parsed);
    }

    static void AssertOnlyCrlfLineEnds(byte[] b)
    {
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i] == '\r') Assert.True(i + 1 < b.Length && b[i + 1] == '\n', "bare CR at " + i);
            if (b[i] == '\n') Assert.True(i > 0 && b[i - 1] == '\r', "bare LF at " + i);
        }
        Assert.True(b.Length >= 2 && b[^2] == '\r' && b[^1] == '\n', "the message must end with CRLF");
    }

    static int IndexOf(byte[] b, byte[] value)
    {
        for (int i = 0; i + value.Length <= b.Length; i++)
            if (b.AsSpan(i, value.Length).SequenceEqual(value)) return i;
        return -1;
    }

    static string Normalise(string body)
    {
        var s = body.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\r\n");
        return s.Length == 0 || s.EndsWith("\r\n") ? s : s + "\r\n";
    }

    static void AssertSameMessage(OutgoingMessage m, MimeMessage p) => AssertSameMessage(m, p, m.Subject);

    static void AssertSameMessage(OutgoingMessage m, MimeMessage p, string subjectAsMimeKitShowsIt)
    {
        var from = Assert.Single(p.From.Mailboxes);
        Assert.Equal(m.From, from.Address);
        Assert.Equal(m.FromName ?? "", from.Name ?? "");
        Assert.Equal(m.To, p.To.Mailboxes.Select(x => x.Address).ToArray());
        Assert.Equal(subjectAsMimeKitShowsIt, p.Subject);
        Assert.Equal(m.DateUtc, p.Date.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, p.Date.Offset);
        Assert.Equal(m.MessageId, p.MessageId);
        Assert.Equal(m.InReplyTo, p.InReplyTo);
        Assert.Equal(m.References ?? [], p.References.ToArray());
        var text = Assert.IsType<TextPart>(p.Body);
        Assert.Equal("utf-8", text.ContentType.Charset);
        // The decoded content, as bytes: TextPart.Text would turn CRLF into the platform's line end.
        var decoded = new MemoryStream();
        text.Content?.DecodeTo(decoded); // null for an empty body
        Assert.Equal(Normalise(m.Body), Encoding.UTF8.GetString(decoded.ToArray()));
    }

    static void AssertHeaderLinesWithin78(Composed c)
    {
        foreach (var line in c.HeaderLines)
            Assert.True(line.Length <= MessageComposer.PreferredLineLength, $"{line.Length} chars: {line}");
    }

    [Fact]
    public void Ascii_message_is_7bit_and_parses_back_the_same()
    {
        var m = Message();
        var c = Compose(m, eightBitAllowed: true);
        Assert.Equal(BodyEncoding.SevenBit, c.Encoding);
        Assert.False(MessageComposer.IsEightBit(c.Bytes));
        Assert.Equal(BasicHeaders, c.HeaderNames);
        Assert.Contains("Content-Transfer-Encoding: 7bit", c.HeaderLines);
        Assert.Contains("Content-Type: text/plain; charset=utf-8", c.HeaderLines);
        Assert.Contains("From: Greenhouse gateway <gateway@example.com>", c.HeaderLines);
        AssertHeaderLinesWithin78(c);
        AssertSameMessage(m, c.Parsed);
        Assert.Equal(Encoding.ASCII.GetBytes(m.Body), c.Body);
    }

    [Fact]
    public void Date_is_rfc5322_utc_whatever_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // Thai uses the Buddhist calendar and its own day names: the header must not notice.
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            var c = Compose(Message(), false);
            Assert.Equal("Date: Fri, 27 Nov 2026 02:19:12 +0000", c.HeaderLines[0]);
            var m = Message();
            m.DateUtc = new DateTime(2027, 1, 3, 23, 5, 9, DateTimeKind.Utc);
            Assert.Equal("Date: Sun, 3 Jan 2027 23:05:09 +0000", Compose(m, false).HeaderLines[0]);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Utf8_body_is_sent_8bit_when_the_server_allows_it()
    {
        var m = Message(body: "Température 31,5 °C — au-dessus du seuil 🔥\r\nÜberschreitung\r\n");
        var c = Compose(m, eightBitAllowed: true);
        Assert.Equal(BodyEncoding.EightBit, c.Encoding);
        Assert.True(MessageComposer.IsEightBit(c.Bytes));
        Assert.Contains("Content-Transfer-Encoding: 8bit", c.HeaderLines);
        Assert.Equal(Encoding.UTF8.GetBytes(m.Body), c.Body);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Utf8_body_is_quoted_printable_when_8bit_is_not_allowed()
    {
        var m = Message(body: "Température 31,5 °C — au-dessus du seuil 🔥\r\nÜberschreitung\r\n");
        var c = Compose(m, eightBitAllowed: false);
        Assert.Equal(BodyEncoding.QuotedPrintable, c.Encoding);
        Assert.False(MessageComposer.IsEightBit(c.Bytes));
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", c.HeaderLines);
        AssertQuotedPrintableLines(c.Body);
        AssertSameMessage(m, c.Parsed);
    }

    static void AssertQuotedPrintableLines(byte[] body)
    {
        var text = Encoding.ASCII.GetString(body);
        Assert.All(body, b => Assert.True(b < 0x80));
        foreach (var line in text.Split("\r\n"))
            Assert.True(line.Length <= QuotedPrintable.MaxLineLength, $"QP line of {line.Length}");
    }

    [Fact]
    public void Lines_beginning_with_a_dot_are_left_for_the_dot_writer()
    {
        var m = Message(body: ".\r\n.hidden line\r\n..two dots\r\nend.\r\n");
        var c = Compose(m, true);
        Assert.Equal(BodyEncoding.SevenBit, c.Encoding);
        Assert.Equal(Encoding.ASCII.GetBytes(m.Body), c.Body);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Composed_message_goes_through_the_dot_writer_and_comes_back_byte_for_byte()
    {
        var m = Message(body: ".\r\n.hidden line\nnormal\r\n..two dots\rend.");
        var composed = MessageComposer.Compose(m, true);
        var channel = new ScriptedChannel();
        var writer = new LineWriter(channel, 64);
        var dots = new DotWriter(writer);
        dots.Write(composed, 0, composed.Length);
        dots.Finish();
        writer.Flush();
        var wire = channel.Written;
        Assert.EndsWith("\r\n.\r\n", wire);
        Assert.Contains("\r\n..\r\n..hidden line\r\nnormal\r\n...two dots\r\nend.\r\n", wire);
        // What the server stores: the data with the stuffing undone (RFC 5321 4.5.2).
        var stored = wire[..^3].Replace("\r\n.", "\r\n");
        Assert.Equal(Encoding.ASCII.GetString(composed), stored);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_3000_character_line_is_sent_quoted_printable(bool eightBitAllowed)
    {
        var m = Message(body: "start " + new string('x', 3000) + " end\r\nshort line\r\n");
        var c = Compose(m, eightBitAllowed);
        Assert.Equal(BodyEncoding.QuotedPrintable, c.Encoding);
        AssertQuotedPrintableLines(c.Body);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void A_998_octet_utf8_line_stays_8bit_and_999_does_not()
    {
        var fits = Message(body: new string('a', 996) + "é\r\n"); // 996 + 2 octets
        Assert.Equal(BodyEncoding.EightBit, Compose(fits, true).Encoding);
        var over = Message(body: new string('a', 997) + "é\r\n");
        var c = Compose(over, true);
        Assert.Equal(BodyEncoding.QuotedPrintable, c.Encoding);
        AssertSameMessage(over, c.Parsed);
    }

    [Theory]
    [InlineData("one\rtwo\nthree\r\nfour")]
    [InlineData("\n\r\r\n\n")]
    [InlineData("ends with cr\r")]
    [InlineData("lf then cr\n\rnext")]
    public void Crlf_lf_and_cr_line_ends_all_become_crlf(string body)
    {
        var m = Message(body: body);
        var c = Compose(m, true);
        Assert.Equal(Encoding.ASCII.GetBytes(Normalise(body)), c.Body);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Mixed_line_ends_in_a_quoted_printable_body_become_crlf()
    {
        var m = Message(body: "é\rü\nö\r\n \r\nlast ");
        var c = Compose(m, false);
        Assert.Equal(BodyEncoding.QuotedPrintable, c.Encoding);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Empty_body_gives_an_empty_body()
    {
        var m = Message(body: "");
        var c = Compose(m, true);
        Assert.Empty(c.Body);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Body_with_nul_is_quoted_printable()
    {
        var m = Message(body: "a\0b\r\n");
        var c = Compose(m, true);
        Assert.Equal(BodyEncoding.QuotedPrintable, c.Encoding);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Long_utf8_subject_with_emoji_is_encoded_in_folded_words()
    {
        var rng = new Random(42);
        string[] pieces = ["🔥", "é", "Ω", "温度", " ", "a", "Z", "?", "=", "_", "😀"];
        var sb = new StringBuilder();
        while (sb.Length < 200) sb.Append(pieces[rng.Next(pieces.Length)]);
        var m = Message(subject: sb.ToString(0, 200 - (char.IsHighSurrogate(sb[199]) ? 1 : 0)));
        var c = Compose(m, true);
        Assert.Equal(BasicHeaders, c.HeaderNames);
        AssertHeaderLinesWithin78(c);
        AssertSameMessage(m, c.Parsed);
        var subject = SubjectLines(c);
        Assert.True(subject.Length > 3, "a 200-char subject takes several lines");
        foreach (var line in subject)
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("=?")))
                Assert.True(word.Length <= EncodedWord.MaxWordLength, $"encoded word of {word.Length}: {word}");
    }

    static string[] SubjectLines(Composed c)
    {
        int i = Array.FindIndex(c.HeaderLines, l => l.StartsWith("Subject:"));
        int j = i + 1;
        while (j < c.HeaderLines.Length && c.HeaderLines[j][0] == ' ') j++;
        return c.HeaderLines[i..j];
    }

    [Fact]
    public void Long_ascii_subject_is_folded_at_white_space()
    {
        var words = Enumerable.Range(1, 40).Select(i => "word" + i);
        var m = Message(subject: "Sensor report: " + string.Join(' ', words));
        var c = Compose(m, true);
        var lines = SubjectLines(c);
        Assert.True(lines.Length > 1);
        Assert.DoesNotContain("=?", string.Concat(lines));
        AssertHeaderLinesWithin78(c);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Subject_with_crlf_cannot_inject_a_header_or_end_the_header_block()
    {
        var m = Message(subject: "Door open\r\nBcc: victim@example.net\r\n\r\nfake body\nX-Injected: 1\rReply-To: x@evil.example");
        var c = Compose(m, true);
        Assert.Equal(BasicHeaders, c.HeaderNames);
        Assert.Empty(c.Parsed.Bcc);
        Assert.Empty(c.Parsed.ReplyTo);
        Assert.Null(c.Parsed.Headers["X-Injected"]);
        AssertHeaderLinesWithin78(c);
        // The line breaks travel inside the encoded words; MimeKit drops CR and LF from a decoded subject.
        AssertSameMessage(m, c.Parsed, m.Subject.Replace("\r", "").Replace("\n", ""));
        var raw = string.Concat(SubjectLines(c).Select(l => l.StartsWith("Subject: ") ? l[9..] : l));
        Assert.Equal(m.Subject, EncodedWord.Decode(raw));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Re: [gateway] status?")]
    [InlineData("100% = \"done\" (ok) <fine>; a,b")]
    public void Printable_ascii_subjects_are_written_as_they_are(string subject)
    {
        var m = Message(subject: subject);
        var c = Compose(m, true);
        Assert.Contains("Subject: " + subject, c.HeaderLines);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Subject_with_other_control_characters_is_encoded()
    {
        var m = Message(subject: "tab\there, bell\a, del\u007f");
        var c = Compose(m, true);
        Assert.Contains("=?utf-8?", string.Concat(SubjectLines(c)));
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Subject_that_looks_like_an_encoded_word_reads_back_literally()
    {
        var m = Message(subject: "literal =?utf-8?Q?not_encoded?= text");
        AssertSameMessage(m, Compose(m, true).Parsed);
    }

    [Fact]
    public void Display_name_with_crlf_cannot_inject_a_header()
    {
        var m = Message();
        m.FromName = "Gateway\r\nTo: everyone@example.org\r\nSubject: hi";
        var c = Compose(m, true);
        Assert.Equal(BasicHeaders, c.HeaderNames);
        Assert.Single(c.Parsed.To);
        AssertSameMessage(m, c.Parsed);
    }

    [Theory]
    [InlineData("Gateway \"demo\" (01)")]
    [InlineData("Back\\slash, comma; <angle> @at")]
    [InlineData("two  spaces")]
    [InlineData("Jürgen Müller")]
    [InlineData("Tomás 🌡 sensor")]
    [InlineData("A very long display name that goes on, and on (with specials) until it needs folding")]
    public void Display_names_are_quoted_or_encoded_and_read_back(string name)
    {
        var m = Message();
        m.FromName = name;
        var c = Compose(m, true);
        Assert.Equal(BasicHeaders, c.HeaderNames);
        AssertHeaderLinesWithin78(c);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Display_name_with_specials_is_a_quoted_string()
    {
        var m = Message();
        m.FromName = "Gateway \"demo\" \\ (01)";
        var c = Compose(m, true);
        Assert.Contains("From: \"Gateway \\\"demo\\\" \\\\ (01)\" <gateway@example.com>", c.HeaderLines);
    }

    [Fact]
    public void No_display_name_gives_a_bare_address()
    {
        var m = Message();
        m.FromName = null;
        var c = Compose(m, true);
        Assert.Contains("From: gateway@example.com", c.HeaderLines);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Many_recipients_are_comma_separated_and_folded()
    {
        var m = Message();
        m.To = Enumerable.Range(1, 12).Select(i => $"operator{i}@plant-{i}.example.com").ToArray();
        var c = Compose(m, true);
        Assert.True(c.HeaderLines.Count(l => l.StartsWith(' ')) >= 3);
        AssertHeaderLinesWithin78(c);
        AssertSameMessage(m, c.Parsed);
    }

    [Fact]
    public void Reply_headers_and_auto_submitted_are_written_when_set()
    {
        var m = Message(subject: "Re: status");
        m.InReplyTo = "CAF+q1w2e3@mail.example.com";
        m.References = ["first.1@mail.example.com", "CAF+q1w2e3@mail.example.com", "x-" + new string('7', 50) + "@long.example.com"];
        m.AutoSubmitted = true;
        var c = Compose(m, true);
        Assert.Equal(
            ["Date", "From", "To", "Subject", "Message-ID", "In-Reply-To", "References", "Auto-Submitted", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"],
            c.HeaderNames);
        Assert.Contains("Message-ID: <3f2a9c01@demo-01.gateway>", c.HeaderLines);
        Assert.Contains("In-Reply-To: <CAF+q1w2e3@mail.example.com>", c.HeaderLines);
        Assert.Contains("Auto-Submitted: auto-generated", c.HeaderLines);
        Assert.Equal("auto-generated", c.Parsed.Headers["Auto-Submitted"]);
        AssertHeaderLinesWithin78(c);
        AssertSameMessage(m, c.Parsed);
    }

    [Theory]
    [InlineData("evil@example.com\r\nRCPT TO:<x@y>")]
    [InlineData("a b@example.com")]
    [InlineData("<a@example.com>")]
    [InlineData("a@example.com>")]
    [InlineData("a@exa\u0000mple.com")]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("a,b@example.com")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("jörg@example.com")]
    [InlineData("a@b@example.com")]
    public void Unusable_addresses_are_refused_naming_the_header(string address)
    {
        var m = Message();
        m.To = ["ok@example.com", address];
        var e = Assert.Throws<ArgumentException>(() => MessageComposer.Compose(m, true));
        Assert.StartsWith("To: ", e.Message);
        Assert.DoesNotContain("\r", e.Message);
        Assert.DoesNotContain("\n", e.Message);

        m = Message();
        m.From = address;
        Assert.StartsWith("From: ", Assert.Throws<ArgumentException>(() => MessageComposer.Compose(m, true)).Message);
    }

    [Fact]
    public void Refusal_echoes_only_a_short_printable_excerpt()
    {
        var m = Message();
        m.From = "x\r\n" + new string('s', 500) + "@example.com";
        var e = Assert.Throws<ArgumentException>(() => MessageComposer.Compose(m, true));
        Assert.True(e.Message.Length < 120, e.Message);
        Assert.All(e.Message, ch => Assert.InRange(ch, ' ', '~'));
    }

    [Fact]
    public void No_recipient_is_refused()
    {
        var m = Message();
        m.To = [];
        Assert.StartsWith("To: ", Assert.Throws<ArgumentException>(() => MessageComposer.Compose(m, true)).Message);
    }

    [Theory]
    [InlineData("Message-ID", "<3f2a@demo>")]
    [InlineData("Message-ID", "3f2a@demo\r\nBcc: x@y")]
    [InlineData("Message-ID", "no-at")]
    [InlineData("Message-ID", "")]
    [InlineData("In-Reply-To", "a b@demo")]
    [InlineData("References", "a@demo>")]
    public void Unusable_message_ids_are_refused_naming_the_header(string header, string id)
    {
        var m = Message();
        switch (header)
        {
            case "Message-ID": m.MessageId = id; break;
            case "In-Reply-To": m.InReplyTo = id; break;
            default: m.References = ["ok@demo", id]; break;
        }
        var e = Assert.Throws<ArgumentException>(() => MessageComposer.Compose(m, true));
        Assert.StartsWith(header + ": ", e.Message);
    }

    [Fact]
    public void Nothing_is_written_when_a_header_is_refused()
    {
        var m = Message();
        m.MessageId = "bad id";
        var output = new ByteBuilder();
        Assert.Throws<ArgumentException>(() => MessageComposer.Compose(m, true, output));
        Assert.Equal(0, output.Count);
    }

    [Fact]
    public void Output_limit_bounds_the_message_size()
    {
        var m = Message(body: new string('a', 5000));
        var output = new ByteBuilder(256, maxSize: 4096);
        var e = Assert.Throws<SizeLimitException>(() => MessageComposer.Compose(m, true, output));
        Assert.Equal(4096, e.Limit);
    }

    [Fact]
    public void Composing_into_a_builder_gives_the_same_bytes()
    {
        var m = Message(body: "héllo\n");
        var output = new ByteBuilder();
        var encoding = MessageComposer.Compose(m, true, output);
        Assert.Equal(BodyEncoding.EightBit, encoding);
        Assert.Equal(MessageComposer.Compose(m, true), output.ToArray());
    }
}
