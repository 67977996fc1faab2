using System.Text;
using MimeKit;
using MimeKit.Text;
using ContentEncoding = MimeKit.ContentEncoding;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

/// <summary>Messages built and written by MimeKit in random shapes: the reader must take the same text MimeKit's TextBody does.</summary>
public class MimeReaderMimeKitTests
{
    static readonly string[] Words =
    {
        "status", "relay1", "on", "off", "Gr\u00fc\u00dfe", "caf\u00e9", "\u20ac5", "=", "==", "a=b", "--", "-- ", ">", ".", "..",
        "\U0001F642", "\u65e5\u672c", "  ", "\t", "trailing ", "x=3D", "<b>", "&amp;",
    };

    static string RandomText(Random rng)
    {
        var sb = new StringBuilder();
        int lines = rng.Next(1, 8);
        for (int l = 0; l < lines; l++)
        {
            int words = rng.Next(0, 30);
            for (int w = 0; w < words; w++)
            {
                if (w > 0) sb.Append(' ');
                sb.Append(Words[rng.Next(Words.Length)]);
            }
            if (l < lines - 1 || rng.Next(2) == 0) sb.Append("\r\n");
        }
        return sb.ToString();
    }

    static TextPart Text(Random rng, TextFormat format, string text)
    {
        var part = new TextPart(format);
        part.SetText(rng.Next(3) == 0 ? "iso-8859-1" : "utf-8", text);
        part.ContentTransferEncoding = rng.Next(3) switch
        {
            0 => ContentEncoding.QuotedPrintable,
            1 => ContentEncoding.Base64,
            _ => ContentEncoding.EightBit,
        };
        return part;
    }

    static MimeEntity Attachment(Random rng)
    {
        var data = new byte[rng.Next(0, 3000)];
        rng.NextBytes(data);
        return new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(data)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "data.bin",
        };
    }

    static MimeMessage RandomMessage(Random rng, out string plain)
    {
        plain = RandomText(rng).Replace("\u20ac", "E").Replace("\U0001F642", ":)").Replace("\u65e5\u672c", "jp");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ann " + Words[rng.Next(Words.Length)], "ann@example.org"));
        message.To.Add(new MailboxAddress("", "device@gateway.test"));
        message.Subject = RandomText(rng).Replace("\r\n", " ");
        var body = Text(rng, TextFormat.Plain, plain);
        if (rng.Next(3) == 0)
        {
            // RFC 3676 4.3: "-- " is never flowed; MimeKit 4.18.2 joins it with the next line, so it is left out here.
            plain = plain.Replace("-- ", "--");
            body.SetText("utf-8", plain);
            body.ContentType.Parameters["format"] = "flowed";
            if (rng.Next(2) == 0) body.ContentType.Parameters["delsp"] = "yes";
        }
        MimeEntity root = body;
        if (rng.Next(3) > 0)
        {
            var alternative = new MultipartAlternative { body, Text(rng, TextFormat.Html, "<p>" + plain + "</p>") };
            root = alternative;
        }
        if (rng.Next(2) == 0)
        {
            var mixed = new Multipart("mixed");
            if (rng.Next(3) == 0) mixed.Add(Attachment(rng)); // an attachment before the text
            mixed.Add(root);
            for (int i = rng.Next(0, 3); i > 0; i--) mixed.Add(Attachment(rng));
            root = mixed;
        }
        message.Body = root;
        return message;
    }

    [Fact]
    public void Text_of_random_messages_written_by_MimeKit_matches_its_text_body()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var rng = new Random(4182);
        for (int i = 0; i < 1000; i++)
        {
            var message = RandomMessage(rng, out _);
            var stream = new MemoryStream();
            message.WriteTo(FormatOptions.Default, stream);
            var bytes = stream.ToArray();
            var parsed = MimeMessage.Load(new MemoryStream(bytes));

            var reader = MimeFeed.Read(bytes);
            Assert.True(parsed.TextBody!.Replace("\r\n", "\n") == reader.Text,
                $"message {i}:\n{Encoding.UTF8.GetString(bytes)}\nMimeKit: [{parsed.TextBody}]\nreader: [{reader.Text}]");
            Assert.Equal(parsed.Subject, reader.Subject);
            Assert.Equal("ann@example.org", reader.From);
        }
    }
}
