using System;
using Gateway.App.Delivery;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;

namespace Gateway.App.Commands;

/// <summary>
/// One POP3 poll for command mail. For each mail not handled before (by UIDL, persisted): the size
/// first (LIST), then the headers (TOP n 0): sender in `command.senders`, the device id in the
/// subject, not an auto-reply; only then the whole mail (RETR) through the streaming MIME reader, and
/// its text to the executor, which checks the signature and records the nonce before anything moves.
/// The reply goes to the outbox (In-Reply-To set), the UID is recorded, and only then DELE: a crash
/// anywhere never runs a command twice (the nonce is recorded first) and never loses a reply
/// silently (a second look answers "replayed"). A mail that cannot be read (a line over
/// <see cref="Pop3Limits.MaxLine"/>, more bytes than LIST said) ends the session but is recorded as
/// handled, so it never blocks the mailbox; one whose sender is no plain address is never run, as it
/// could not be answered.
/// </summary>
public sealed class CommandPoller
{
    /// <summary>UIDL entries looked at per poll; more wait for the next poll.</summary>
    public const int MaxListed = 50;

    readonly GatewayConfig _config;
    readonly IConnector _connector;
    readonly IClock _clock;
    readonly ILog _log;
    readonly CommandMail _mail;
    readonly HandledUids _handled;
    readonly Pop3Options _options;
    readonly LineReader? _lines;

    public CommandPoller(GatewayConfig config, IConnector connector, IStore store, IClock clock, ILog log, CommandExecutor executor, Outbox outbox, MessageIds ids)
        : this(config, connector, store, clock, log, executor, outbox, ids, null)
    {
    }

    /// <param name="lines">A line reader to share with the SMTP client (see <see cref="Pop3Client"/>); null: each poll its own.</param>
    public CommandPoller(GatewayConfig config, IConnector connector, IStore store, IClock clock, ILog log, CommandExecutor executor, Outbox outbox, MessageIds ids, LineReader? lines)
    {
        _lines = lines;
        _config = config;
        _connector = connector;
        _clock = clock;
        _log = log;
        _mail = new CommandMail(config, executor, outbox, ids);
        _handled = new HandledUids(store, log);
        _options = Pop3Settings.FromConfig(config);
    }

    public PollReport Poll()
    {
        var report = new PollReport();
        // The client and the MIME reader live for one poll: between polls (most of the time, and while alerts
        // go out) the device's heap does not carry their buffers (about 4 KB).
        var client = new Pop3Client(_connector, _options, _log, _lines);
        var reader = CommandMail.NewReader();
        int maxSize = _config.GetInt("pop3.max-size");
        bool deleteOther = _config.GetBool("pop3.delete-other");
        try
        {
            client.Connect();
            var uids = client.ListUids(MaxListed);
            report.InMailbox = uids.Length;
            Pop3ListEntry[]? sizes = null;
            for (int i = 0; i < uids.Length; i++)
            {
                var entry = uids[i];
                if (_handled.Contains(entry.Uid))
                {
                    // A DELE that was lost with its session (no QUIT) is sent again.
                    if (_handled.ShouldDelete(entry.Uid)) client.Delete(entry.Number);
                    continue;
                }
                if (sizes == null) sizes = client.ListSizes(MaxListed);
                var outcome = Handle(client, reader, entry, SizeOf(sizes, entry.Number), maxSize, deleteOther, report);
                report.Add(outcome);
                _log.Write(outcome.Verdict == MailVerdict.Executed ? LogLevel.Info : LogLevel.Warning, "mail " + entry.Uid + " " + outcome.ToString());
            }
            int roundTrips = client.RoundTrips;
            bool tls = client.IsEncrypted;
            if (!client.Quit())
                _log.Write(LogLevel.Warning, "QUIT was not acknowledged: deletions will be sent again next poll");
            if (report.Outcomes.Length > 0)
                _log.Write(LogLevel.Info, "polled " + Ascii.FromInt(uids.Length) + " mail(s), " + Ascii.FromInt(report.Outcomes.Length) + " new, "
                    + Ascii.FromInt(roundTrips + 1) + " POP3 round trips" + (tls ? " over TLS" : ""));
            _handled.KeepOnly(uids);
        }
        catch (Pop3Exception e)
        {
            report.Error = e;
            client.Close();
            _log.Write(e.Kind == Pop3ErrorKind.Transient ? LogLevel.Warning : LogLevel.Error, "poll failed: " + e.Message);
        }
        return report;
    }

    MailOutcome Handle(Pop3Client client, MimeReader reader, Pop3UidEntry entry, long size, int maxSize, bool deleteOther, PollReport report)
    {
        if (size > maxSize)
            return Skip(client, entry, "", "", "too large (" + Ascii.FromInt(size) + " bytes; pop3.max-size is " + Ascii.FromInt(maxSize) + "), not loaded", deleteOther);

        reader.Reset();
        reader.ReadHeadersOnly = true;
        try
        {
            client.Top(entry.Number, 0, reader, maxSize);
        }
        catch (Pop3Exception e) when (e.Kind == Pop3ErrorKind.Limit)
        {
            // Unreadable (a line over the limit, or more than LIST said): it would fail every poll and hold up
            // the mailbox, so it is recorded as handled. The session is gone: the poll ends here.
            _handled.Add(entry.Uid, deleteOther);
            report.Add(new MailOutcome(entry.Uid, "", "", MailVerdict.Skipped, "unreadable headers: " + e.Message));
            throw;
        }
        reader.End();
        string from = reader.From;
        string subject = reader.Subject;
        string messageId = reader.MessageId;
        string references = reader.References;
        string why = _mail.WhyNotACommandMail(from, subject, reader.AutoSubmitted);
        if (why.Length > 0)
            return Skip(client, entry, from, subject, why, deleteOther);

        reader.Reset();
        reader.ReadHeadersOnly = false;
        var block = new CommandBlock();
        reader.TextLineSink = block;
        var now = _clock.UtcNow;
        try
        {
            client.Retrieve(entry.Number, reader, maxSize);
        }
        catch (Pop3Exception e) when (e.Kind == Pop3ErrorKind.Limit)
        {
            report.Add(_mail.Unreadable(entry.Uid, from, subject, messageId, references, e.Message, now));
            _handled.Add(entry.Uid, true);
            throw;
        }
        reader.End();
        reader.TextLineSink = null;
        block.Finish();

        var outcome = _mail.Run(entry.Uid, block, reader.Flags, from, subject, messageId, references, now, report);
        if (outcome.Verdict == MailVerdict.Deferred)
            return outcome;
        _handled.Add(entry.Uid, true);
        client.Delete(entry.Number);
        return outcome;
    }

    MailOutcome Skip(Pop3Client client, Pop3UidEntry entry, string from, string subject, string why, bool delete)
    {
        _handled.Add(entry.Uid, delete);
        if (delete) client.Delete(entry.Number);
        return new MailOutcome(entry.Uid, from, subject, MailVerdict.Skipped, why + (delete ? "; deleted" : ""));
    }

    static long SizeOf(Pop3ListEntry[] sizes, int number)
    {
        for (int i = 0; i < sizes.Length; i++)
            if (sizes[i].Number == number) return sizes[i].Size;
        return 0;
    }
}
