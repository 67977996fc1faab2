using System;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;

namespace Gateway.App.Delivery;

/// <summary>
/// The persistent outbox: every alert and reply is stored before the first attempt and removed
/// only after the server accepted the end of data (at least once). Transient failures are retried
/// with backoff; a message the server refuses for good moves to "failed/" with the server's reply.
/// It holds at most <see cref="Capacity"/> entries: when full, the oldest moves to "failed/" (reason
/// "outbox full") and is logged, so the newest state of the device always gets through.
/// </summary>
public sealed class Outbox
{
    public const string Prefix = "outbox/";
    public const string FailedPrefix = "failed/";
    public const string CorruptPrefix = "corrupt/";

    /// <summary>How many refused or dropped messages are kept for inspection.</summary>
    public const int FailedKept = 16;

    readonly IStore _store;
    readonly IClock _clock;
    readonly ILog _log;
    readonly Backoff _backoff;

    public Outbox(IStore store, IClock clock, ILog log, Backoff backoff, int capacity)
    {
        _store = store;
        _clock = clock;
        _log = log;
        _backoff = backoff;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Entries waiting, due or not.</summary>
    public int Count => _store.List(Prefix).Length;

    /// <summary>Entries dropped because the outbox was full, since start.</summary>
    public int Dropped { get; private set; }

    /// <summary>Stores <paramref name="entry"/> (the first attempt comes with the next delivery).</summary>
    public void Add(OutboxEntry entry)
    {
        var names = _store.List(Prefix);
        for (int i = 0; i + Capacity <= names.Length; i++)
        {
            var oldest = Read(names[i]);
            if (oldest != null)
            {
                oldest.LastError = "outbox full (" + Ascii.FromInt(Capacity) + " messages): dropped to make room for a newer one";
                MoveAside(oldest);
            }
            else
            {
                _store.Delete(names[i]);
            }
            Dropped++;
            _log.Write(LogLevel.Warning, "outbox full: moved the oldest message " + (oldest != null ? "<" + oldest.MessageId + "> " : "") + "to " + FailedPrefix);
        }
        entry.StoreName = Prefix + NextSequence(names);
        _store.Write(entry.StoreName, OutboxCodec.Encode(entry));
    }

    /// <summary>Every readable entry, oldest first. A damaged one is moved to "corrupt/" and logged, never sent half-read.</summary>
    public OutboxEntry[] Entries()
    {
        var names = _store.List(Prefix);
        var entries = new OutboxEntry[names.Length];
        int n = 0;
        for (int i = 0; i < names.Length; i++)
        {
            var e = Read(names[i]);
            if (e != null) entries[n++] = e;
        }
        if (n == entries.Length) return entries;
        var trimmed = new OutboxEntry[n];
        Array.Copy(entries, trimmed, n);
        return trimmed;
    }

    /// <summary>Makes every waiting entry due now (an operator asked to send, not to wait for the backoff).</summary>
    public void MakeAllDue()
    {
        var now = _clock.UtcNow;
        var entries = Entries();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].NextAttemptUtc <= now) continue;
            entries[i].NextAttemptUtc = now;
            _store.Write(entries[i].StoreName, OutboxCodec.Encode(entries[i]));
        }
    }

    /// <summary>Why the message was refused for good, if it is in "failed/"; otherwise null.</summary>
    public string? FailureOf(string messageId)
    {
        var names = _store.List(FailedPrefix);
        for (int i = 0; i < names.Length; i++)
        {
            var data = _store.Read(names[i]);
            if (data == null) continue;
            var e = OutboxCodec.Decode(data, out _);
            if (e != null && e.MessageId == messageId) return e.LastError;
        }
        return null;
    }

    public bool IsFailed(string messageId) => FailureOf(messageId) != null;

    /// <summary>
    /// Sends every due entry in one session. Connects only when something is due. Stops at the first
    /// failure of the session (it would hit the next message too); a refused message moves aside and
    /// the rest go on.
    /// </summary>
    public OutboxReport DeliverDue(SmtpClient client, string from, string? fromName)
    {
        var report = new OutboxReport();
        var now = _clock.UtcNow;
        var entries = Entries();
        int due = 0;
        for (int i = 0; i < entries.Length; i++)
            if (entries[i].NextAttemptUtc <= now) due++;
        report.Waiting = entries.Length;
        if (due == 0)
            return report;

        try
        {
            if (!client.IsConnected)
                client.Connect();
            for (int i = 0; i < entries.Length; i++)
            {
                var e = entries[i];
                if (e.NextAttemptUtc > now) continue;
                try
                {
                    var result = client.Send(ToMessage(e, from, fromName));
                    _store.Delete(e.StoreName);
                    report.Sent++;
                    _log.Write(LogLevel.Info, "sent <" + e.MessageId + "> to " + Ascii.FromInt(result.AcceptedCount) + " of " + Ascii.FromInt(e.To.Length)
                        + " recipient(s), " + Ascii.FromInt(client.RoundTrips) + " round trips" + (client.IsEncrypted ? " over TLS" : "") + ": " + result.FinalReply.ToString());
                    for (int r = 0; r < result.Recipients.Length; r++)
                        if (!result.Recipients[r].Accepted)
                            _log.Write(LogLevel.Warning, "recipient " + result.Recipients[r].Address + " refused: " + result.Recipients[r].Reply.ToString());
                }
                catch (System.ArgumentException x)
                {
                    // A header value the composer refuses (an address, a message id): retrying cannot help.
                    e.LastError = "cannot be composed: " + x.Message;
                    MoveAside(e);
                    report.Failed++;
                    _log.Write(LogLevel.Error, "message <" + e.MessageId + "> " + e.LastError + "; moved to " + FailedPrefix);
                    if (client.IsConnected)
                        client.Reset();
                }
                catch (SmtpException x) when (x.IsMessageRejected)
                {
                    e.LastError = x.Message;
                    e.Attempts++;
                    MoveAside(e);
                    report.Failed++;
                    _log.Write(LogLevel.Error, "message <" + e.MessageId + "> refused for good, moved to " + FailedPrefix + ": " + x.Message);
                    if (client.IsConnected)
                        client.Reset();
                }
            }
        }
        catch (SmtpException x)
        {
            report.Error = x;
            Defer(entries, now, x.Message);
            _log.Write(x.Kind == SmtpErrorKind.Transient ? LogLevel.Warning : LogLevel.Error, "delivery failed, will retry: " + x.Message);
        }
        finally
        {
            client.Quit();
        }
        report.Waiting = Count;
        return report;
    }

    /// <summary>Records a failed attempt on every due entry still waiting and schedules its retry.</summary>
    void Defer(OutboxEntry[] entries, DateTime now, string error)
    {
        for (int i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            if (e.NextAttemptUtc > now || _store.Read(e.StoreName) == null) continue;
            e.Attempts++;
            e.LastError = error;
            e.NextAttemptUtc = now.AddTicks(_backoff.DelayMs(e.Attempts) * TimeSpan.TicksPerMillisecond);
            _store.Write(e.StoreName, OutboxCodec.Encode(e));
        }
    }

    OutboxEntry? Read(string name)
    {
        var data = _store.Read(name);
        if (data == null) return null;
        var e = OutboxCodec.Decode(data, out string problem);
        if (e == null)
        {
            string aside = CorruptPrefix + name.Substring(Prefix.Length);
            _store.Write(aside, data);
            _store.Delete(name);
            _log.Write(LogLevel.Error, "outbox entry " + name + " is unreadable (" + problem + "): moved to " + aside);
            return null;
        }
        e.StoreName = name;
        return e;
    }

    void MoveAside(OutboxEntry e)
    {
        var failed = _store.List(FailedPrefix);
        for (int i = 0; i + FailedKept <= failed.Length; i++)
            _store.Delete(failed[i]);
        string name = FailedPrefix + e.StoreName.Substring(Prefix.Length);
        _store.Write(name, OutboxCodec.Encode(e));
        _store.Delete(e.StoreName);
    }

    static OutgoingMessage ToMessage(OutboxEntry e, string from, string? fromName)
    {
        return new OutgoingMessage
        {
            From = from,
            FromName = fromName,
            To = e.To,
            Subject = e.Subject,
            Body = e.Body,
            MessageId = e.MessageId,
            DateUtc = e.CreatedUtc,
            InReplyTo = e.InReplyTo,
            References = e.References == null ? null : e.References.Split(' '),
            AutoSubmitted = true,
        };
    }

    /// <summary>Ten digits after the highest sequence in use, so ordinal order is age order.</summary>
    string NextSequence(string[] names)
    {
        long max = 0;
        for (int i = 0; i < names.Length; i++)
            if (Ascii.TryParseInt(names[i], Prefix.Length, names[i].Length - Prefix.Length, out int n) && n > max) max = n;
        var failed = _store.List(FailedPrefix);
        for (int i = 0; i < failed.Length; i++)
            if (Ascii.TryParseInt(failed[i], FailedPrefix.Length, failed[i].Length - FailedPrefix.Length, out int n) && n > max) max = n;
        string s = Ascii.FromInt(max + 1);
        while (s.Length < 10) s = "0" + s;
        return s;
    }
}
