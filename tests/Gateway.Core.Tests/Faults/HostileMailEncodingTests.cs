using System.Text;
using Gateway.App.Commands;
using static Gateway.Core.Tests.Faults.HostileMailRig;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// Broken encodings in command mail (issue 8): invalid base64, quoted-printable and UTF-8 in the body
/// and in the headers (raw and inside RFC 2047 words). The MIME reader decodes what it can and
/// replaces what it cannot; the signature then decides: damage inside the signed block is a bad
/// signature or a malformed block, damage around it changes nothing. Never a crash, never a relay
/// moved by damaged text, always an answer.
/// </summary>
public class HostileMailEncodingTests
{
    readonly HostileMailRig _rig = new();

    const string Headers = "From: Operator <ops@gateway.test>\r\nSubject: [boiler] commands\r\nMessage-ID: <op-1@ops.test>\r\n";

    static string Base64Lines(string text, int width = 76)
    {
        var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var lines = new StringBuilder();
        for (int i = 0; i < b64.Length; i += width) lines.Append(b64.AsSpan(i, Math.Min(width, b64.Length - i))).Append('\n');
        return lines.ToString();
    }

    /// <summary>Quoted-printable as a mail program writes it: '=' escaped, the rest (ASCII, short lines) as is.</summary>
    static string Qp(string text) => text.Replace("=", "=3D");

    const string B64 = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n";
    const string QpHeader = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";
    const string Utf8Header = "Content-Type: text/plain; charset=utf-8\r\n";

    public static TheoryData<string, string, string, string> BrokenBodies()
    {
        string signed = SignedOn();
        string b64 = Base64Lines(signed);
        return new()
        {
            // form, content headers, body, expected outcome: "executed" or the start of the rejection's reason
            { "base64 with invalid characters between the groups", B64, string.Concat(b64.Select((c, i) => i % 10 == 9 ? c + "!*" : c.ToString())), "executed" },
            { "base64 cut inside the auth line", B64, b64[..(b64.Length - 30)] + "\n", "malformed auth line" },
            { "base64 cut in the middle of a group", B64, b64[..(b64.Length - 3)], "bad signature" },
            { "base64 that is not base64 at all", B64, "!!!! **** @@@@\n%%%%\n", "no gateway-auth: line" },
            { "quoted-printable with an invalid escape in a command", QpHeader, Qp(signed).Replace("relay1 on", "relay1 =ZZon"), "bad signature" },
            { "quoted-printable with an invalid escape in the greeting", QpHeader, "Hello =ZZ there =\n=G1\n" + Qp(signed), "executed" },
            { "quoted-printable ending in a soft break", QpHeader, Qp(signed) + "thanks =", "executed" },
            { "quoted-printable escaping a line break into a command", QpHeader, Qp(signed).Replace("relay1 on", "relay1=0D=0Aon"), "bad signature" },
            { "invalid UTF-8 in a command", Utf8Header, signed.Replace("relay1 on", "relay1 \xFF\xFEon"), "bad signature" },
            { "an overlong UTF-8 line break in a command", Utf8Header, signed.Replace("relay1 on", "relay1\xC0\x8Aon"), "bad signature" },
            { "a UTF-8 sequence cut at the end of a command", Utf8Header, signed.Replace("relay1 on", "relay1 on\xE2\x82"), "bad signature" },
            { "invalid UTF-8 in the greeting", Utf8Header, "Gr\xFC\xDFe \xC3\n" + signed, "executed" },
            { "an unknown charset", "Content-Type: text/plain; charset=x-evil-7\r\n", signed, "executed" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public void A_broken_encoding_in_the_body_has_a_named_outcome_and_an_answer(string form, string contentHeaders, string body, string expected)
    {
        var app = _rig.App();
        _rig.Pop3.AddRaw("u1", RawMail(Headers, body, contentHeaders));

        var outcome = _rig.PollOne(app);

        var reply = _rig.Reply(app);
        AssertHeaders(reply, ReplyHeaders);
        Assert.Empty(_rig.Pop3.Mails);
        if (expected == "executed")
        {
            Assert.True(outcome.Verdict == MailVerdict.Executed, form + ": " + outcome);
            Assert.Equal(1, _rig.Moves);
            Assert.Contains("relay1 on: ok", reply.TextBody);
        }
        else
        {
            Assert.True(outcome.Verdict == MailVerdict.Rejected, form + ": " + outcome);
            Assert.StartsWith(expected, outcome.Detail);
            Assert.Equal(0, _rig.Moves);
            Assert.StartsWith("rejected: " + expected, reply.TextBody);
        }
    }

    public static TheoryData<string, string> BrokenSubjects => new()
    {
        { "raw invalid UTF-8", "Subject: [boiler] \xFF\xFE commands\r\n" },
        { "raw overlong CR LF", "Subject: [boiler] go\xC0\x8D\xC0\x8ABcc: evil@evil.test\r\n" },
        { "raw UTF-8 cut at the end", "Subject: [boiler] caf\xC3\r\n" },
        { "an encoded word that is not base64", "Subject: [boiler] =?utf-8?B?!!!*?=\r\n" },
        { "an encoded word of invalid UTF-8", "Subject: [boiler] =?utf-8?Q?=FF=FE?=\r\n" },
        { "an encoded word with an overlong CR LF", "Subject: [boiler] =?utf-8?Q?go=C0=8D=C0=8ABcc:_evil@evil.test?=\r\n" },
        { "an encoded word in an unknown charset", "Subject: [boiler] =?x-evil?Q?go=0D=0ABcc:_evil@evil.test?=\r\n" },
        { "an encoded word never closed", "Subject: [boiler] =?utf-8?B?W2JvaWxlcl0gY29t\r\n" },
        { "an encoded word with a bad escape", "Subject: [boiler] =?utf-8?Q?=ZZ=0?=\r\n" },
    };

    [Theory]
    [MemberData(nameof(BrokenSubjects))]
    public void A_broken_encoding_in_the_subject_is_replaced_and_echoed_safely(string form, string subjectHeader)
    {
        var app = _rig.App();
        _rig.Pop3.AddRaw("u1", RawMail("From: Operator <ops@gateway.test>\r\n" + subjectHeader + "Message-ID: <op-1@ops.test>\r\n", SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.True(outcome.Verdict == MailVerdict.Executed, form + ": " + outcome);
        Assert.Equal(1, _rig.Moves);
        Assert.DoesNotContain(outcome.Subject, c => c == '\r' || c == '\n' || c == '\0');
        var reply = _rig.Reply(app);
        AssertHeaders(reply, ReplyHeaders);
        Assert.Equal(Unfolded("Re: " + outcome.Subject), reply.Subject);
    }

    [Fact]
    public void A_sender_address_with_invalid_utf8_is_skipped_unanswered()
    {
        var app = _rig.App(senders: false);
        _rig.Pop3.AddRaw("u1", RawMail("From: Operator <ops\xFF@gateway.test>\r\nSubject: [boiler] commands\r\n", SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.Equal(MailVerdict.Skipped, outcome.Verdict);
        Assert.Contains("cannot be answered", outcome.Detail);
        Assert.Equal(0, _rig.Moves);
        Assert.Empty(_rig.Sent(app));
    }
}
