using Gateway.App.Commands;
using Gateway.App;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Pop3;
using Gateway.Signing;
using static Gateway.Core.Tests.Faults.HostileMailRig;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// Correctly signed mail used against the device (issue 8): a valid signature for another device,
/// and the same signed mail delivered again after a restart (a new <see cref="GatewayApp"/> over the
/// same store), with the handled-UID list intact, lost, or lost together with a damaged journal.
/// Each is refused by name, answered, deleted, and never moves the relay a second time.
/// </summary>
public class HostileMailCommandTests
{
    readonly HostileMailRig _rig = new();

    [Theory]
    [InlineData("[boiler-2] commands")]
    [InlineData("[boiler] commands")]
    public void A_valid_signature_for_another_device_is_refused_by_name_and_answered(string subject)
    {
        var app = _rig.App();
        var signed = CommandSigner.Sign(["relay relay1 on"], "boiler-2", CommandKit.T0, CommandKit.Nonce(7), CommandKit.Key);
        _rig.Pop3.Add("u1", CommandMail(signed, $"From: {Operator}\nSubject: {subject}\nMessage-ID: <op-1@ops.test>\n"));

        var outcome = _rig.PollOne(app);

        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.Equal("for another device (boiler-2)", outcome.Detail);
        Assert.Equal(0, _rig.Moves);
        Assert.Null(_rig.Store.Read(NonceJournal.StoreName)); // nothing recorded: nothing ran
        Assert.Empty(_rig.Pop3.Mails);
        var reply = _rig.Reply(app);
        AssertHeaders(reply, ReplyHeaders);
        Assert.StartsWith("rejected: for another device (boiler-2)", reply.TextBody);
    }

    [Fact]
    public void The_same_signed_mail_again_after_a_restart_is_refused_as_replayed()
    {
        var first = _rig.App();
        _rig.Pop3.Add("u1", CommandMail(SignedOn()));
        Assert.Equal(MailVerdict.Executed, _rig.PollOne(first).Verdict);
        _rig.Sent(first);

        var restarted = _rig.App();
        _rig.Pop3.Add("u2", CommandMail(SignedOn())); // sent again, a new mail on the server
        var outcome = _rig.PollOne(restarted);

        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.Equal("replayed nonce", outcome.Detail);
        Assert.Equal(1, _rig.Moves);
        Assert.Empty(_rig.Pop3.Mails);
        var replies = _rig.Sent(restarted);
        Assert.Equal(2, replies.Length);
        Assert.StartsWith("rejected: replayed nonce", replies[1].TextBody);
    }

    [Fact]
    public void A_mail_whose_deletion_was_lost_is_deleted_after_a_restart_without_being_read()
    {
        var first = _rig.App();
        _rig.Pop3.Add("u1", CommandMail(SignedOn()));
        _rig.Pop3.Fault = "drop-at-quit"; // the DELE is not committed: the mail is still there after the restart
        Assert.Equal(MailVerdict.Executed, _rig.PollOne(first).Verdict);
        _rig.Pop3.Fault = null;
        _rig.Pop3.Commands.Clear();

        var report = _rig.App().Poll()!;

        Assert.Empty(report.Outcomes);
        Assert.Contains("DELE 1", _rig.Pop3.Commands);
        Assert.DoesNotContain("RETR 1", _rig.Pop3.Commands);
        Assert.Equal(1, _rig.Moves);
        Assert.Empty(_rig.Pop3.Mails);
    }

    [Fact]
    public void The_same_mail_after_a_restart_that_lost_the_uid_list_is_refused_by_the_nonce_journal()
    {
        var first = _rig.App();
        _rig.Pop3.Add("u1", CommandMail(SignedOn()));
        _rig.Pop3.Fault = "drop-at-quit";
        Assert.Equal(MailVerdict.Executed, _rig.PollOne(first).Verdict);
        _rig.Pop3.Fault = null;
        _rig.Store.Delete(HandledUids.StoreName); // the UID list is lost, the journal is not

        var restarted = _rig.App();
        var outcome = _rig.PollOne(restarted);

        Assert.Equal("u1", outcome.Uid);
        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.Equal("replayed nonce", outcome.Detail);
        Assert.Equal(1, _rig.Moves);
        Assert.Empty(_rig.Pop3.Mails);
    }

    [Fact]
    public void The_same_mail_after_a_restart_that_lost_the_uid_list_and_tore_the_journal_is_refused_by_the_floor()
    {
        var first = _rig.App();
        _rig.Pop3.Add("u1", CommandMail(SignedOn()));
        _rig.Pop3.Fault = "drop-at-quit";
        Assert.Equal(MailVerdict.Executed, _rig.PollOne(first).Verdict);
        _rig.Pop3.Fault = null;
        _rig.Store.Delete(HandledUids.StoreName);
        var journal = _rig.Store.Read(NonceJournal.StoreName)!;
        _rig.Store.Write(NonceJournal.StoreName, journal[..(journal.Length / 2)]); // a torn write
        _rig.Clock.Advance(TimeSpan.FromMinutes(1)); // the restart takes a while; the command is still in its window

        var outcome = _rig.PollOne(_rig.App());

        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.StartsWith("replayed or too old for the replay journal", outcome.Detail);
        Assert.Equal(1, _rig.Moves);
    }

    [Fact]
    public void The_same_mail_after_its_window_is_refused_as_expired()
    {
        var first = _rig.App();
        _rig.Pop3.Add("u1", CommandMail(SignedOn()));
        Assert.Equal(MailVerdict.Executed, _rig.PollOne(first).Verdict);
        _rig.Clock.Advance(TimeSpan.FromMinutes(11)); // past the 10-minute window: the journal may forget it

        _rig.Pop3.Add("u2", CommandMail(SignedOn()));
        var outcome = _rig.PollOne(_rig.App());

        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.StartsWith("expired: timestamp", outcome.Detail);
        Assert.Equal(1, _rig.Moves);
    }
}
