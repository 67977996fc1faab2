using System.Text;
using Gateway.App.Commands;
using Gateway.Core.Tests.Support;
using static Gateway.Core.Tests.Faults.HostileMailRig;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// Header injection (issue 8) through every value of an incoming mail that the gateway puts into a
/// header of its reply: the sender into To, the Subject into "Re: ...", the Message-ID and References
/// into In-Reply-To and References; each with a bare CR, a bare LF, CRLF, NUL and a folded
/// continuation, raw and (for the Subject, the one value that is decoded) inside RFC 2047 words.
/// Each reply is read back by MimeKit and must carry exactly the headers the composer writes.
/// The values that come from configuration and drivers are in <see cref="HostileConfigInjectionTests"/>.
/// </summary>
public class HostileMailInjectionTests
{
    readonly HostileMailRig _rig = new();

    const string From = "From: Operator <ops@gateway.test>\r\n";
    const string MessageId = "Message-ID: <op-1@ops.test>\r\n";
    const string Subject = "Subject: [boiler] commands\r\n";

    static string B(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    public static TheoryData<string, string> HostileSubjects => new()
    {
        { "bare CR", "Subject: [boiler] go\rBcc: evil@evil.test\r\n" },
        { "bare LF", "Subject: [boiler] go\nBcc: evil@evil.test\r\n" },
        { "CRLF", "Subject: [boiler] go\r\nBcc: evil@evil.test\r\n" },
        { "NUL", "Subject: [boiler] go\0Bcc: evil@evil.test\r\n" },
        { "folded", "Subject: [boiler] go\r\n Bcc: evil@evil.test\r\n" },
        { "encoded CR", "Subject: " + B("[boiler] go\rBcc: evil@evil.test") + "\r\n" },
        { "encoded LF", "Subject: " + B("[boiler] go\nBcc: evil@evil.test") + "\r\n" },
        { "encoded CRLF", "Subject: " + B("[boiler] go\r\nBcc: evil@evil.test") + "\r\n" },
        { "encoded NUL", "Subject: " + B("[boiler] go\0Bcc: evil@evil.test") + "\r\n" },
        { "encoded CRLF CRLF (a body)", "Subject: =?utf-8?Q?[boiler]_go=0D=0A=0D=0Ahello?=\r\n" },
        { "encoded fold", "Subject: " + B("[boiler] go\r\n Bcc: evil@evil.test") + "\r\n" },
    };

    [Theory]
    [MemberData(nameof(HostileSubjects))]
    public void A_hostile_subject_runs_the_command_and_the_reply_has_only_its_own_headers(string form, string subjectHeader)
    {
        var app = _rig.App();
        _rig.Pop3.AddRaw("u1", RawMail(From + subjectHeader + MessageId, SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.True(outcome.Verdict == MailVerdict.Executed, form + ": " + outcome);
        Assert.Equal(1, _rig.Moves);
        Assert.Empty(_rig.Pop3.Mails); // answered and deleted
        var reply = _rig.Reply(app);
        AssertHeaders(reply, ReplyHeaders);
        Assert.Equal(Unfolded("Re: " + outcome.Subject), reply.Subject); // the subject as read, in one header
        Assert.Contains("relay1 on: ok", reply.TextBody);
    }

    public static TheoryData<string, string> SendersThatCannotBeAnswered => new()
    {
        { "bare CR in the address", "From: Operator <ops@gateway.test\rBcc: evil@evil.test>\r\n" },
        { "NUL in the address", "From: Operator <ops@gateway.test\0>\r\n" },
        { "a second recipient in the brackets", "From: Operator <ops@gateway.test,evil@evil.test>\r\n" },
        { "a folded second recipient in the brackets", "From: Operator <ops@gateway.test,\r\n evil@evil.test>\r\n" },
    };

    [Theory]
    [MemberData(nameof(SendersThatCannotBeAnswered))]
    public void A_sender_that_is_not_a_plain_address_is_skipped_unrun_unanswered_and_not_read_again(string form, string fromHeader)
    {
        var app = _rig.App(senders: false); // any sender may command: only the signature counts
        _rig.Pop3.AddRaw("u1", RawMail(fromHeader + Subject + MessageId, SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.True(outcome.Verdict == MailVerdict.Skipped, form + ": " + outcome);
        Assert.Contains("cannot be answered", outcome.Detail);
        Assert.DoesNotContain("RETR 1", _rig.Pop3.Commands);
        Assert.Equal(0, _rig.Moves);
        Assert.Empty(_rig.Sent(app));
        Assert.Single(_rig.Pop3.Mails); // kept (pop3.delete-other is off), and skipped from now on:
        _rig.Pop3.Commands.Clear();
        Assert.Empty(app.Poll()!.Outcomes);
        Assert.DoesNotContain(_rig.Pop3.Commands, c => c.StartsWith("TOP") || c.StartsWith("RETR"));
    }

    [Theory]
    [MemberData(nameof(SendersThatCannotBeAnswered))]
    public void A_sender_that_is_not_a_plain_address_is_not_a_listed_sender(string form, string fromHeader)
    {
        var app = _rig.App();
        _rig.Pop3.AddRaw("u1", RawMail(fromHeader + Subject + MessageId, SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.True(outcome.Verdict == MailVerdict.Skipped, form + ": " + outcome);
        Assert.Equal(0, _rig.Moves);
        Assert.Empty(_rig.Sent(app));
        Assert.DoesNotContain('\r', outcome.ToString()); // what the log gets
        Assert.DoesNotContain('\0', outcome.ToString());
    }

    public static TheoryData<string, string> SendersAnsweredAlone => new()
    {
        { "bare CR after the address", "From: Operator <ops@gateway.test>\rBcc: evil@evil.test\r\n" },
        { "bare LF after the address", "From: Operator <ops@gateway.test>\nBcc: evil@evil.test\r\n" },
        { "CRLF after the address", "From: Operator <ops@gateway.test>\r\nBcc: evil@evil.test\r\n" },
        { "NUL after the address", "From: Operator <ops@gateway.test>\0Bcc: evil@evil.test\r\n" },
        { "folded", "From: Operator\r\n <ops@gateway.test>\r\n Bcc: evil@evil.test\r\n" },
        { "encoded CRLF in the name", "From: " + B("Op\r\nBcc: evil@evil.test") + " <ops@gateway.test>\r\n" },
    };

    [Theory]
    [MemberData(nameof(SendersAnsweredAlone))]
    public void Text_around_the_sender_address_never_reaches_the_reply(string form, string fromHeader)
    {
        var app = _rig.App();
        _rig.Pop3.AddRaw("u1", RawMail(fromHeader + Subject + MessageId, SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.True(outcome.Verdict == MailVerdict.Executed, form + ": " + outcome);
        Assert.Equal(1, _rig.Moves);
        var reply = _rig.Reply(app); // To: the operator, and no one else
        AssertHeaders(reply, ReplyHeaders);
        Assert.Empty(reply.Cc);
        Assert.Empty(reply.Bcc);
    }

    public static TheoryData<string, string, string?> HostileMessageIds => new()
    {
        { "bare CR in the id", "Message-ID: <op-1@ops.test\rBcc: evil@evil.test>\r\n", null },
        { "NUL in the id", "Message-ID: <op-1\0@ops.test>\r\n", null },
        { "bare CR after the id", "Message-ID: <op-1@ops.test>\rBcc: evil@evil.test\r\n", "op-1@ops.test" },
        { "bare LF after the id", "Message-ID: <op-1@ops.test>\nBcc: evil@evil.test\r\n", "op-1@ops.test" },
        { "CRLF after the id", "Message-ID: <op-1@ops.test>\r\nBcc: evil@evil.test\r\n", "op-1@ops.test" },
        { "NUL after the id", "Message-ID: <op-1@ops.test>\0Bcc: evil@evil.test\r\n", "op-1@ops.test" },
        { "folded", "Message-ID:\r\n <op-1@ops.test>\r\n Bcc: evil@evil.test\r\n", "op-1@ops.test" },
        { "folded inside the id", "Message-ID: <op-1@ops.test\r\n Bcc: evil@evil.test>\r\n", null },
    };

    [Theory]
    [MemberData(nameof(HostileMessageIds))]
    public void A_hostile_message_id_threads_the_reply_only_when_it_is_plain(string form, string idHeader, string? expected)
    {
        var app = _rig.App();
        _rig.Pop3.AddRaw("u1", RawMail(From + Subject + idHeader, SignedOn()));

        var outcome = _rig.PollOne(app);

        Assert.True(outcome.Verdict == MailVerdict.Executed, form + ": " + outcome);
        var reply = _rig.Reply(app);
        AssertHeaders(reply, expected == null ? ReplyHeadersWithoutThread : ReplyHeaders);
        Assert.Equal(expected, reply.InReplyTo);
        Assert.Equal(expected == null ? [] : [expected], reply.References.ToArray());
    }

    [Fact]
    public void References_keep_only_their_plain_ids_and_add_the_message_id()
    {
        var app = _rig.App();
        var references = "References: <a@ops.test>\r<b@ops.test\rBcc: evil@evil.test>\0<c@ops.test>\r\n <d@ops\r\n .test>\r\n";
        _rig.Pop3.AddRaw("u1", RawMail(From + Subject + MessageId + references, SignedOn()));

        Assert.Equal(MailVerdict.Executed, _rig.PollOne(app).Verdict);

        var reply = _rig.Reply(app);
        AssertHeaders(reply, ReplyHeaders);
        Assert.Equal(["a@ops.test", "c@ops.test", "op-1@ops.test"], reply.References.ToArray());
    }
}
