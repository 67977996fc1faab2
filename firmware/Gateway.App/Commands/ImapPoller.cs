using System;
using Gateway.App.Delivery;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Imap;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;

namespace Gateway.App.Commands;

/// <summary>
/// Command mail by IMAP, with the POP3 poller's guarantees: each new UID (keyed by the folder's
/// UIDVALIDITY, so a renumbered folder never matches an old entry; the nonce journal still refuses an
/// old command) gets its size and headers first (sender, device id in the subject, not an auto-reply),
/// then its text streamed through the MIME reader; the executor records the nonce before anything
/// moves, the reply goes to the outbox, the UID is recorded, and only then \Deleted and expunge.
/// One session stays open: with IDLE (RFC 2177) a mail is run as soon as the server announces it
/// (<see cref="Wait"/>); the IDLE is ended and begun again every `imap.keepalive`, and a DONE without
/// an answer within `imap.timeout` is a dead connection, reconnected with backoff, the log saying why.
/// </summary>
public sealed class ImapPoller
{
    const string HandledStore = "imap/handled";
    const string HeaderFields = "FROM SUBJECT MESSAGE-ID REFERENCES AUTO-SUBMITTED";

    readonly GatewayConfig _config;
    readonly IClock _clock;
    readonly ILog _log;
    readonly CommandMail _mail;
    readonly HandledUids _handled;
    readonly ImapClient _client; // one client, its buffers reused by every session
    readonly Backoff _backoff;
    // A command mail is short: 4,096 chars of text hold 20 signed lines and the words around them.
    readonly MimeReader _reader = CommandMail.NewReader();
    readonly string _folder;
    readonly bool _idle;
    readonly int _keepAliveMs;
    readonly int _maxSize;
    readonly bool _deleteOther;
    int _failures;
    DateTime _nextConnect;
    DateTime _idleSince;

    public ImapPoller(GatewayConfig config, IConnector connector, IStore store, IClock clock, ILog log, CommandExecutor executor, Outbox outbox, MessageIds ids, Random random)
    {
        _config = config;
        _clock = clock;
        _log = log;
        _mail = new CommandMail(config, executor, outbox, ids);
        _handled = new HandledUids(store, log, HandledStore);
        _client = new ImapClient(connector, ImapSettings.FromConfig(config), log);
        _folder = config.GetString("imap.folder") ?? "INBOX";
        _idle = config.GetBool("imap.idle");
        _keepAliveMs = config.GetDurationMs("imap.keepalive");
        if (_keepAliveMs > ImapLimits.MaxIdleMs) _keepAliveMs = ImapLimits.MaxIdleMs;
        _maxSize = config.GetInt("imap.max-size");
        _deleteOther = config.GetBool("imap.delete-other");
        _backoff = new Backoff(2000, 5 * 60 * 1000, random);
        _nextConnect = clock.UtcNow;
    }

    /// <summary>The session is open (for tests and the doctor).</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// When a lost IDLE session is opened again (after its backoff): the loop wakes for it rather than
    /// waiting for the next `imap.interval`. <see cref="DateTime.MaxValue"/> while connected, or
    /// without IDLE (then the interval's poll reconnects).
    /// </summary>
    public DateTime NextConnectUtc => _idle && !_client.IsConnected ? _nextConnect : DateTime.MaxValue;

    /// <summary>Looks for new mail now (connecting first when needed) and handles it.</summary>
    public PollReport Poll()
    {
        var report = new PollReport();
        var now = _clock.UtcNow;
        if (!_client.IsConnected && now < _nextConnect)
        {
            // Still in the backoff of the last failure: not a failure of its own (no longer backoff, no log line).
            report.Error = new ImapException(ImapErrorKind.Transient, "connect", "waiting " + Ascii.FromInt(Ms(_nextConnect - now) / 1000) + " s before reconnecting");
            return report;
        }
        try
        {
            if (!_client.IsConnected) Open();
            else if (_client.IsIdling) _client.StopIdle();
            _client.ClearNewMail();
            var uids = _client.SearchUids("UNDELETED");
            report.InMailbox = uids.Length;
            var keys = new string[uids.Length];
            for (int i = 0; i < uids.Length; i++)
            {
                string key = Ascii.FromInt(_client.UidValidity) + "." + Ascii.FromInt(uids[i]);
                keys[i] = key;
                if (_handled.Contains(key))
                {
                    // A deletion lost with its session is done again.
                    if (_handled.ShouldDelete(key)) Delete(uids[i]);
                    continue;
                }
                var outcome = Handle(uids[i], key, report);
                if (outcome == null) continue;
                report.Add(outcome);
                _log.Write(outcome.Verdict == MailVerdict.Executed ? LogLevel.Info : LogLevel.Warning, "mail " + key + " " + outcome.ToString());
            }
            // Only a full list may forget: more than a search returns would drop UIDs still there.
            if (uids.Length < ImapLimits.MaxSearchUids) _handled.KeepOnly(keys);
            _failures = 0;
        }
        catch (ImapException e)
        {
            report.Error = e;
            Failed(e);
        }
        return report;
    }

    /// <summary>
    /// Waits in IDLE until <paramref name="untilUtc"/> or new mail, which is then handled (the report).
    /// <paramref name="waited"/> is false when this session cannot wait (no IDLE, or not connected yet
    /// and not due to reconnect): the caller sleeps instead.
    /// </summary>
    public PollReport? Wait(DateTime untilUtc, out bool waited)
    {
        waited = false;
        if (!_idle) return null;
        PollReport? report = null;
        var now = _clock.UtcNow;
        if (!_client.IsConnected)
        {
            if (now < _nextConnect) return null;
            report = Poll();
            if (!_client.IsConnected) return report;
        }
        if (!_client.CanIdle) return report;
        waited = true;
        try
        {
            now = _clock.UtcNow;
            if (!_client.IsIdling)
            {
                _client.StartIdle();
                _idleSince = now;
            }
            long keepAliveLeft = _keepAliveMs - Ms(now - _idleSince);
            long untilLeft = Ms(untilUtc - now);
            long ms = untilLeft < keepAliveLeft ? untilLeft : keepAliveLeft;
            if (_client.WaitIdle(ms < 0 ? 0 : (int)ms))
                return Poll();
            if (_client.IsIdling && Ms(_clock.UtcNow - _idleSince) >= _keepAliveMs)
            {
                // The keep-alive: DONE must be answered within imap.timeout, or the connection is dead.
                _client.StopIdle();
                _log.Write(LogLevel.Debug, "IMAP keep-alive: IDLE renewed");
            }
        }
        catch (ImapException e)
        {
            Failed(e);
        }
        return report;
    }

    void Open()
    {
        _client.Connect();
        _client.Select(_folder);
        // A session lost between STORE \Deleted and the expunge leaves the mail flagged but there, and
        // UNDELETED never finds it again: what is marked deleted is expunged first.
        var leftovers = _client.SearchUids("DELETED");
        for (int i = 0; i < leftovers.Length; i++)
            _client.Expunge(leftovers[i]);
        if (leftovers.Length > 0)
            _log.Write(LogLevel.Info, "IMAP: " + Ascii.FromInt(leftovers.Length) + " mail(s) marked deleted but still there expunged");
        _log.Write(LogLevel.Info, "IMAP: " + _folder + " selected (UIDVALIDITY " + Ascii.FromInt(_client.UidValidity) + ", " + Ascii.FromInt(_client.Exists)
            + " mail(s))" + (_client.IsEncrypted ? " over TLS" : "") + (_idle ? (_client.CanIdle ? ", waiting with IDLE" : ", no IDLE: polling every imap.interval") : ""));
    }

    /// <summary>Ends the session after a failure and says when the next connection is tried.</summary>
    void Failed(ImapException e)
    {
        _client.Close();
        _failures++;
        long delay = _backoff.DelayMs(_failures);
        _nextConnect = _clock.UtcNow.AddTicks(delay * TimeSpan.TicksPerMillisecond);
        _log.Write(e.Kind == ImapErrorKind.Transient ? LogLevel.Warning : LogLevel.Error,
            "IMAP session ended: " + e.Message + "; reconnecting in " + Ascii.FromInt(delay / 1000) + "." + Ascii.FromInt(delay % 1000 / 100) + " s");
    }

    MailOutcome? Handle(long uid, string key, PollReport report)
    {
        _reader.TextLineSink = null; // a mail whose body fetch failed left its block here
        _reader.Reset();
        _reader.ReadHeadersOnly = true;
        long size;
        try
        {
            size = _client.FetchHeaders(uid, HeaderFields, _reader, _maxSize);
        }
        catch (ImapException e) when (e.Kind == ImapErrorKind.Limit)
        {
            // Unreadable headers would fail every poll and hold up the folder: recorded as handled.
            _handled.Add(key, _deleteOther);
            report.Add(new MailOutcome(key, "", "", MailVerdict.Skipped, "unreadable headers: " + e.Message));
            throw;
        }
        if (size < 0)
            return null; // expunged by someone else meanwhile
        _reader.End();
        string from = _reader.From, subject = _reader.Subject, messageId = _reader.MessageId, references = _reader.References;
        if (size > _maxSize)
            return Skip(uid, key, from, subject, "too large (" + Ascii.FromInt(size) + " bytes; imap.max-size is " + Ascii.FromInt(_maxSize) + "), not loaded");
        string why = _mail.WhyNotACommandMail(from, subject, _reader.AutoSubmitted);
        if (why.Length > 0)
            return Skip(uid, key, from, subject, why);

        _reader.Reset();
        _reader.ReadHeadersOnly = false;
        var block = new CommandBlock();
        _reader.TextLineSink = block;
        var now = _clock.UtcNow;
        try
        {
            if (_client.FetchBody(uid, _reader, _maxSize) < 0)
                return null;
        }
        catch (ImapException e) when (e.Kind == ImapErrorKind.Limit)
        {
            report.Add(_mail.Unreadable(key, from, subject, messageId, references, e.Message, now));
            _handled.Add(key, true);
            throw;
        }
        _reader.End();
        _reader.TextLineSink = null;
        block.Finish();
        var outcome = _mail.Run(key, block, _reader.Flags, from, subject, messageId, references, now, report);
        if (outcome.Verdict == MailVerdict.Deferred)
            return outcome;
        _handled.Add(key, true);
        Delete(uid);
        return outcome;
    }

    MailOutcome Skip(long uid, string key, string from, string subject, string why)
    {
        _handled.Add(key, _deleteOther);
        if (_deleteOther) Delete(uid);
        return new MailOutcome(key, from, subject, MailVerdict.Skipped, why + (_deleteOther ? "; deleted" : ""));
    }

    void Delete(long uid)
    {
        _client.AddFlags(uid, "\\Seen \\Deleted");
        _client.Expunge(uid);
    }

    static long Ms(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMillisecond;
}
