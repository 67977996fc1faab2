using Gateway.Core.Text;
using Gateway.Mail.Mime;

namespace Gateway.SelfTest.Vectors;

/// <summary>The streaming MIME reader on the shapes mail clients send, fed a line at a time as POP3 RETR does.</summary>
public static class MimeReaderVectors
{
    static MimeReader Read(string message)
    {
        var r = new MimeReader(new MimeLimits { MaxTextChars = 2048 });
        var lines = message.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var b = Utf8.GetBytes(lines[i]);
            r.Line(b, 0, b.Length);
        }
        r.End();
        return r;
    }

    public static void Run(SelfTestRunner t)
    {
        t.Test("mime: mutt plain text, 8bit, signature kept out of nothing", () =>
        {
            var r = Read("From: Ops <ops@example.org>\nSubject: [dev-1] relay\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nrelay relay1 on\n\n-- \nOps, Büro 3");
            t.Equal("ops@example.org", r.From);
            t.Equal("[dev-1] relay", r.Subject);
            t.True(r.Text.IndexOf("relay relay1 on") == 0, r.Text);
        });
        t.Test("mime: Gmail multipart/alternative, quoted-printable, UTF-8 subject", () =>
        {
            var r = Read("From: \"Op\" <op@gmail.com>\nSubject: =?UTF-8?B?W2Rldi0xXSBHcsO8w59l?=\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=\"000000000000abcdef\"\n\n--000000000000abcdef\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe, status=\nplease\n\n"
                + "--000000000000abcdef\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n<div>Gr=C3=BC=C3=9Fe</div>\n"
                + "--000000000000abcdef--");
            t.Equal("[dev-1] Grüße", r.Subject);
            t.True(r.Text.IndexOf("Grüße, statusplease") == 0, r.Text);
            t.True(!r.TextIsFromHtml, "the plain part wins");
        });
        t.Test("mime: Outlook base64 text next to windows-1252 html", () =>
        {
            var r = Read("From: Op <op@outlook.com>\nSubject: cmd\nContent-Type: multipart/alternative;\n\tboundary=\"_000_DB9PR01_\"\n\n--_000_DB9PR01_\n"
                + "Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\ncmVsYXkgcmVsYXkx\nIG9u\n\n--_000_DB9PR01_\n"
                + "Content-Type: text/html; charset=\"windows-1252\"\nContent-Transfer-Encoding: quoted-printable\n\n<p>caf=E9</p>\n--_000_DB9PR01_--");
            t.True(r.Text.IndexOf("relay relay1 on") == 0, r.Text);
        });
        t.Test("mime: html only is turned into text", () =>
        {
            var r = Read("From: a@b.c\nSubject: s\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>caf\u00e9 &amp; relay</p><script>x</script></body></html>");
            t.True(r.TextIsFromHtml, "from html");
            t.True(r.Text.IndexOf("café & relay") >= 0, r.Text);
        });
        t.Test("mime: an attachment is skipped without being kept", () =>
        {
            var r = Read("From: a@b.c\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nstatus\n--b\n"
                + "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=x.bin\nContent-Transfer-Encoding: base64\n\nAAAAAAAAAAAAAAAA\n--b--");
            t.True(r.Text.IndexOf("status") == 0 && r.Text.IndexOf("AAAA") < 0, r.Text);
        });
    }
}
