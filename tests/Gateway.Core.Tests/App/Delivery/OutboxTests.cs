using Gateway.App.Delivery;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using Gateway.Mail.Smtp;

namespace Gateway.Core.Tests.App.Delivery;

public class OutboxTests
{
    static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0);
    readonly MemoryStore _store = new();
    readonly ManualClock _clock = new(T0);
    readonly FakeSmtpServer _server = new();
    readonly LogLines _log = new();

    Outbox NewOutbox(int capacity = 8) => new(_store, _clock, _log, new Backoff(30_000, 3_600_000, new Random(1)), capacity);

    SmtpClient Client() => new(_server, new SmtpOptions { Host = "fake", Port = 25, Tls = TlsMode.None, HeloName = "dev" });

    static OutboxEntry Alert(string id, string subject = "[demo] ALERT") =>
        new(id + "@gateway.test", T0, ["ops@gateway.test"], subject, "temperature 31 °C\r\n");

    [Fact]
    public void An_entry_is_stored_before_any_attempt_and_removed_after_250()
    {
        var outbox = NewOutbox();
        outbox.Add(Alert("a1"));
        Assert.Single(_store.List(Outbox.Prefix));
        Assert.Equal(0, _server.Connections);

        var report = outbox.DeliverDue(Client(), "device@gateway.test", null);

        Assert.Equal(1, report.Sent);
        Assert.Empty(_store.List(Outbox.Prefix));
        Assert.Single(_server.Accepted);
        Assert.Contains("Message-ID: <a1@gateway.test>", _server.Accepted[0]);
    }

    [Fact]
    public void Nothing_due_means_no_connection()
    {
        var outbox = NewOutbox();
        outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Equal(0, _server.Connections);
    }

    [Fact]
    public void A_lost_250_keeps_the_entry_and_the_retry_carries_the_same_message_id()
    {
        var outbox = NewOutbox();
        outbox.Add(Alert("same"));
        _server.Fault = "drop-after-data";
        var first = outbox.DeliverDue(Client(), "device@gateway.test", null);

        Assert.NotNull(first.Error);
        Assert.Equal(SmtpErrorKind.Transient, first.Error!.Kind);
        var kept = Assert.Single(outbox.Entries());
        Assert.Equal(1, kept.Attempts);
        Assert.InRange((kept.NextAttemptUtc - T0).TotalSeconds, 24, 36);
        Assert.Contains("DATA", kept.LastError);

        // Not due yet: nothing happens.
        _server.Fault = null;
        outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Empty(_server.Accepted);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Equal(1, second.Sent);
        Assert.Contains("Message-ID: <same@gateway.test>", Assert.Single(_server.Accepted));
        Assert.Empty(outbox.Entries());
    }

    [Fact]
    public void A_server_that_is_down_delays_every_due_entry_with_growing_backoff()
    {
        var outbox = NewOutbox();
        outbox.Add(Alert("d1"));
        outbox.Add(Alert("d2"));
        _server.Fault = "down";
        double[] nominalSeconds = [30, 60, 120];
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            var r = outbox.DeliverDue(Client(), "device@gateway.test", null);
            Assert.Equal(SmtpStage.Connect, r.Error!.Stage);
            var entries = outbox.Entries();
            Assert.Equal(2, entries.Length);
            Assert.All(entries, e => Assert.Equal(attempt, e.Attempts));
            foreach (var e in entries)
                Assert.InRange((e.NextAttemptUtc - _clock.UtcNow).TotalSeconds, nominalSeconds[attempt - 1] * 0.8, nominalSeconds[attempt - 1] * 1.2);
            _clock.UtcNow = entries.Max(e => e.NextAttemptUtc);
        }
    }

    [Fact]
    public void A_refused_message_moves_aside_with_the_servers_reply_and_the_next_one_goes()
    {
        var outbox = NewOutbox();
        outbox.Add(Alert("bad"));
        _server.Fault = "refuse-rcpt";
        var r = outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Equal(1, r.Failed);
        Assert.Empty(outbox.Entries());
        Assert.Contains("550 5.1.1 User unknown", outbox.FailureOf("bad@gateway.test"));
        Assert.Single(_store.List(Outbox.FailedPrefix));

        _server.Fault = null;
        outbox.Add(Alert("good"));
        Assert.Equal(1, outbox.DeliverDue(Client(), "device@gateway.test", null).Sent);
    }

    [Fact]
    public void A_full_outbox_moves_the_oldest_aside_and_says_so()
    {
        var outbox = NewOutbox(capacity: 3);
        for (int i = 1; i <= 5; i++) outbox.Add(Alert("m" + i));
        var ids = outbox.Entries().Select(e => e.MessageId).ToArray();
        Assert.Equal(["m3@gateway.test", "m4@gateway.test", "m5@gateway.test"], ids);
        Assert.Equal(2, outbox.Dropped);
        Assert.Contains("outbox full", outbox.FailureOf("m1@gateway.test"));
        Assert.Contains(_log.Lines, l => l.Contains("outbox full"));
    }

    [Fact]
    public void A_torn_entry_is_moved_to_corrupt_and_never_sent()
    {
        var outbox = NewOutbox();
        outbox.Add(Alert("whole"));
        outbox.Add(Alert("torn"));
        var torn = _store.List(Outbox.Prefix)[1];
        var bytes = _store.Read(torn)!;
        _store.Write(torn, bytes[..(bytes.Length / 2)]);

        var r = outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Equal(1, r.Sent);
        Assert.Single(_store.List(Outbox.CorruptPrefix));
        Assert.Contains(_log.Lines, l => l.Contains("unreadable") && l.Contains("corrupt/"));
        Assert.DoesNotContain(_server.Accepted, m => m.Contains("torn@"));
    }

    [Fact]
    public void Several_due_entries_go_in_one_session_oldest_first()
    {
        var outbox = NewOutbox();
        for (int i = 1; i <= 4; i++) outbox.Add(Alert("s" + i, "subject " + i));
        var r = outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Equal(4, r.Sent);
        Assert.Equal(1, _server.Connections);
        Assert.Equal(["subject 1", "subject 2", "subject 3", "subject 4"],
            _server.Accepted.Select(m => m.Split("\r\n").First(l => l.StartsWith("Subject: "))["Subject: ".Length..]).ToArray());
    }

    [Fact]
    public void A_message_that_cannot_be_composed_moves_aside_and_the_loop_goes_on()
    {
        var outbox = NewOutbox();
        outbox.Add(new OutboxEntry("odd@gateway.test", T0, ["not an address"], "s", "b"));
        outbox.Add(Alert("fine"));
        var r = outbox.DeliverDue(Client(), "device@gateway.test", null);
        Assert.Equal(1, r.Failed);
        Assert.Equal(1, r.Sent);
        Assert.Contains("cannot be composed", outbox.FailureOf("odd@gateway.test"));
    }

    sealed class LogLines : ILog
    {
        public readonly List<string> Lines = [];
        public void Write(LogLevel level, string text) => Lines.Add(text);
        public bool IsEnabled(LogLevel level) => true;
    }
}
