using System;
using Gateway.Core.Text;
using Gateway.Mail.Mime;

namespace Gateway.SelfTest.Vectors;

/// <summary>Quoted-printable, RFC 2047 words and the message composer.</summary>
public static class MimeVectors
{
    public static void Run(SelfTestRunner t)
    {
        t.Test("quoted-printable encodes '=' and non-ASCII", () =>
            t.Equal("a=3Db caf=C3=A9\r\n", Utf8.Decode(QuotedPrintable.Encode(Utf8.GetBytes("a=b café\r\n")))));
        t.Test("quoted-printable encodes a trailing blank", () =>
            t.Equal("end=20\r\nx", Utf8.Decode(QuotedPrintable.Encode(Utf8.GetBytes("end \r\nx")))));
        t.Test("quoted-printable breaks long lines at 76", () =>
        {
            var encoded = Utf8.Decode(QuotedPrintable.Encode(Utf8.GetBytes(new string('x', 200))));
            var lines = encoded.Split('\n');
            for (int i = 0; i < lines.Length; i++)
                t.True(lines[i].Length <= 77, "line " + Ascii.FromInt(i) + " has " + Ascii.FromInt(lines[i].Length));
            t.Equal(new string('x', 200), Utf8.Decode(QuotedPrintable.Decode(Utf8.GetBytes(encoded))));
        });
        t.Test("quoted-printable decodes soft breaks and lowercase hex", () =>
            t.Equal("caf\u00e9 au lait", Utf8.Decode(QuotedPrintable.Decode(Utf8.GetBytes("caf=c3=a9 au=\r\n lait")))));
        t.Test("encoded words decode B, Q and ISO-8859-1", () =>
        {
            t.Equal("Grüße", EncodedWord.Decode("=?UTF-8?B?R3LDvMOfZQ==?="));
            t.Equal("café", EncodedWord.Decode("=?iso-8859-1?q?caf=E9?="));
            t.Equal("ab", EncodedWord.Decode("=?utf-8?q?a?= \r\n =?utf-8?q?b?="));
        });
        t.Test("encoded words encode a non-ASCII subject", () =>
        {
            var b = new ByteBuilder(64, 0);
            EncodedWord.Encode("Temperatur 31 °C", 9, b);
            t.Equal("Temperatur 31 °C", EncodedWord.Decode(Utf8.Decode(b.Buffer, 0, b.Count)));
        });
        t.Test("composer writes the headers and an 8bit body", () =>
        {
            var m = new OutgoingMessage
            {
                From = "dev@gateway.test",
                To = new[] { "ops@gateway.test" },
                Subject = "Alert",
                Body = "Wert: 31 °C\n",
                MessageId = "1.2@gateway.test",
                DateUtc = new DateTime(2026, 11, 27, 8, 0, 0),
            };
            BodyEncoding enc;
            var text = Utf8.Decode(MessageComposer.Compose(m, true, out enc));
            t.True(enc == BodyEncoding.EightBit, "8bit chosen");
            t.True(text.IndexOf("Date: Fri, 27 Nov 2026 08:00:00 +0000\r\n") == 0, text);
            t.True(text.IndexOf("Message-ID: <1.2@gateway.test>\r\n") > 0, "Message-ID");
            t.True(text.IndexOf("\r\n\r\nWert: 31 °C\r\n") > 0, "body with CRLF");
        });
        t.Test("composer encodes a subject with CR LF so it cannot add a header", () =>
        {
            var m = new OutgoingMessage
            {
                From = "dev@gateway.test",
                To = new[] { "ops@gateway.test" },
                Subject = "hi\r\nBcc: victim@example.org",
                Body = "x",
                MessageId = "1.3@gateway.test",
                DateUtc = new DateTime(2026, 11, 27, 8, 0, 0),
            };
            var text = Utf8.Decode(MessageComposer.Compose(m, false));
            t.True(text.IndexOf("\r\nBcc:") < 0, "no Bcc header");
        });
        t.Test("composer refuses an address with a line break", () =>
        {
            var m = new OutgoingMessage { From = "a@b.c", To = new[] { "x@y.z>\r\nRCPT TO:<v@w" }, MessageId = "1@b.c", Body = "" };
            t.Throws("ArgumentException", () => MessageComposer.Compose(m, false));
        });
    }
}
