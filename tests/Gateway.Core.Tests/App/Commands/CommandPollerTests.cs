using System.Security.Cryptography;
using Gateway.App.Commands;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Pop3;
using Gateway.Signing;

namespace Gateway.Core.Tests.App.Commands;

/// <summary>The poller's branches against an in-memory maildrop; the real servers are in the interop tests.</summary>
public class CommandPollerTests
{
    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0);
    static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    readonly ManualClock _clock = new(T0);
    readonly MemoryStore _store = new();
    readonly FakePop3Server _pop3 = new();
    readonly FakeSmtpServer _smtp = new();
    readonly CountingRelay _relay = new();

    sealed class CountingRelay : IActuator
    {
        public int Moves;
        public string Name => "relay1";
        public string State { get; private set; } = "off";
        public void Set(string value) { State = value; Moves++; }
    }

    GatewayApp App(string extra = "")
    {
        var text = $"""
            device.id = boiler
            smtp.host = fake
            smtp.tls = none
            smtp.from = boiler@gateway.test
            alert.to = ops@gateway.test
            pop3.host = fake
            pop3.tls = implicit
            pop3.user = boiler@gateway.test
            pop3.password = pw
            pop3.max-size = 4096
            command.key = {Convert.ToBase64String(Key)}
            command.senders = ops@gateway.test
            {extra}
            """;
        var parsed = GatewayConfig.Parse(text);
        Assert.True(parsed.IsValid, parsed.ToString());
        return new GatewayApp(parsed.Config!, _smtp, _pop3, _store, _clock, NullLog.Instance, [], [_relay], new Random(3), "boiler.local");
    }

    static string CommandMail(string from, string subject, string body, string id = "op-1@ops.test", string extraHeaders = "") =>
        $"From: Operator <{from}>\nTo: boiler@gateway.test\nSubject: {subject}\nMessage-ID: <{id}>\n{extraHeaders}Content-Type: text/plain; charset=utf-8\n\n{body}\n";

    string Signed(params string[] commands) => CommandSigner.Sign(commands, "boiler", T0, RandomNumberGenerator.GetBytes(16), Key);

    [Fact]
    public void A_signed_command_runs_the_reply_is_queued_with_in_reply_to_then_the_mail_is_deleted()
    {
        var app = App();
        _pop3.Add("u1", CommandMail("ops@gateway.test", "[boiler] commands", Signed("relay relay1 on")));
        var report = app.Poll()!;

        Assert.Equal(MailVerdict.Executed, Assert.Single(report.Outcomes).Verdict);
        Assert.Equal(1, _relay.Moves);
        var reply = Assert.Single(app.Outbox.Entries());
        Assert.Equal("op-1@ops.test", reply.InReplyTo);
        Assert.Equal(["ops@gateway.test"], reply.To);
        Assert.Equal("Re: [boiler] commands", reply.Subject);
        Assert.Contains("relay1 on: ok (was off)", reply.Body);
        Assert.Empty(_pop3.Mails); // DELE committed by QUIT
        int dele = _pop3.Commands.IndexOf("DELE 1"), quit = _pop3.Commands.IndexOf("QUIT");
        Assert.True(dele > 0 && dele < quit);
    }

    [Fact]
    public void A_session_lost_before_quit_never_runs_the_command_twice_and_deletes_on_the_next_poll()
    {
        var app = App();
        _pop3.Add("u1", CommandMail("ops@gateway.test", "[boiler] commands", Signed("relay relay1 on")));
        _pop3.Fault = "drop-at-quit";
        app.Poll();
        Assert.Single(_pop3.Mails); // DELE not committed
        Assert.Equal(1, _relay.Moves);

        _pop3.Fault = null;
        _pop3.Commands.Clear();
        var second = app.Poll()!;
        Assert.Empty(second.Outcomes); // handled already: not looked at again
        Assert.Equal(1, _relay.Moves);
        Assert.Contains("DELE 1", _pop3.Commands);
        Assert.DoesNotContain("RETR 1", _pop3.Commands);
        Assert.Empty(_pop3.Mails);
    }

    [Fact]
    public void A_mail_over_the_size_cap_is_never_loaded()
    {
        var app = App();
        _pop3.Add("big", CommandMail("ops@gateway.test", "[boiler] commands", new string('x', 5000)));
        var outcome = Assert.Single(app.Poll()!.Outcomes);
        Assert.Equal(MailVerdict.Skipped, outcome.Verdict);
        Assert.Contains("too large", outcome.Detail);
        Assert.DoesNotContain(_pop3.Commands, c => c.StartsWith("TOP") || c.StartsWith("RETR"));
        Assert.Single(_pop3.Mails); // left alone by default
    }

    [Fact]
    public void A_sender_not_listed_is_skipped_after_the_headers_only()
    {
        var app = App();
        _pop3.Add("u1", CommandMail("mallory@evil.test", "[boiler] commands", Signed("relay relay1 on")));
        var outcome = Assert.Single(app.Poll()!.Outcomes);
        Assert.Equal(MailVerdict.Skipped, outcome.Verdict);
        Assert.Contains("not in command.senders", outcome.Detail);
        Assert.Contains("TOP 1 0", _pop3.Commands);
        Assert.DoesNotContain("RETR 1", _pop3.Commands);
        Assert.Equal(0, _relay.Moves);
        Assert.Empty(app.Outbox.Entries()); // nobody to answer
    }

    [Fact]
    public void An_automatic_mail_is_never_answered()
    {
        var app = App();
        _pop3.Add("u1", CommandMail("ops@gateway.test", "[boiler] Undelivered Mail", "bounce", extraHeaders: "Auto-Submitted: auto-replied\n"));
        var outcome = Assert.Single(app.Poll()!.Outcomes);
        Assert.Equal(MailVerdict.Skipped, outcome.Verdict);
        Assert.Empty(app.Outbox.Entries());
    }

    [Fact]
    public void An_unsigned_command_mail_from_a_listed_sender_is_answered_rejected()
    {
        var app = App();
        _pop3.Add("u1", CommandMail("ops@gateway.test", "Re: [boiler] ALERT", "relay relay1 on"));
        var outcome = Assert.Single(app.Poll()!.Outcomes);
        Assert.Equal(MailVerdict.Rejected, outcome.Verdict);
        Assert.Equal(0, _relay.Moves);
        Assert.StartsWith("rejected: ", Assert.Single(app.Outbox.Entries()).Body);
    }

    [Fact]
    public void Delete_other_removes_mail_that_is_not_for_the_device()
    {
        var app = App("pop3.delete-other = true");
        _pop3.Add("u1", CommandMail("someone@else.test", "newsletter", "hello"));
        var outcome = Assert.Single(app.Poll()!.Outcomes);
        Assert.Contains("deleted", outcome.Detail);
        Assert.Empty(_pop3.Mails);
    }

    [Fact]
    public void A_set_command_retunes_the_rule_and_status_reports_it()
    {
        var app = App("sensor.t.unit = C\nrule.hot.sensor = t\nrule.hot.above = 30");
        _pop3.Add("u1", CommandMail("ops@gateway.test", "[boiler] commands", Signed("set rule.hot.above 35", "status")));
        app.Poll();
        Assert.Equal(35, app.Rules[0].Threshold);
        Assert.Contains("relay1 off", app.Outbox.Entries()[0].Body);
    }
}
