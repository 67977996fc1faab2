using System;
using Gateway.App.Delivery;
using Gateway.Core.Config;
using Gateway.Core.Text;
using Gateway.Mail.Mime;

namespace Gateway.App.Commands;

/// <summary>
/// What every command-mail poller does with a mail once it has its headers or its text, whatever the
/// protocol: the header checks (sender, device id in the subject, no auto-reply), running the signed
/// block (the executor records the nonce before anything moves) and the reply through the outbox with
/// In-Reply-To and References. Both pollers (POP3 and IMAP) use it.
/// </summary>
public sealed class CommandMail
{
    /// <summary>A replay is also what a restart in the middle of a command looks like: the reply must not claim the command never ran.</summary>
    const string ReplayedNote = "\r\nThis signed block was seen before: a copy, or this same mail again after a restart cut its handling short. It is not run again; send `status` to see the state.\r\n";

    readonly GatewayConfig _config;
    readonly CommandExecutor _executor;
    readonly Outbox _outbox;
    readonly MessageIds _ids;
    readonly string _deviceId;

    public CommandMail(GatewayConfig config, CommandExecutor executor, Outbox outbox, MessageIds ids)
    {
        _config = config;
        _executor = executor;
        _outbox = outbox;
        _ids = ids;
        _deviceId = config.GetString("device.id") ?? "";
    }

    /// <summary>The header checks; "" when the mail may be a command mail.</summary>
    public string WhyNotACommandMail(string from, string subject, string autoSubmitted)
    {
        if (from.Length == 0)
            return "no sender address";
        if (!MessageComposer.IsUsableAddress(from))
            return "sender " + Ascii.Excerpt(from, 80) + " cannot be answered (not a plain address)";
        if (autoSubmitted.Length > 0 && !Ascii.EqualsIgnoreCase(Ascii.TrimBlanks(autoSubmitted), "no"))
            return "an automatic mail (Auto-Submitted: " + Ascii.Excerpt(autoSubmitted, 40) + "), never answered";
        var senders = _config.IsSet("command.senders") ? _config.GetList("command.senders") : new string[0];
        if (senders.Length > 0 && !Listed(senders, from))
            return "sender " + Ascii.Excerpt(from, 80) + " is not in command.senders";
        if (IndexOfIgnoreCase(subject, _deviceId) < 0)
            return "the subject does not name this device (" + _deviceId + ")";
        return "";
    }

    /// <summary>
    /// A MIME reader sized for command mail: its text goes a line at a time into the command block
    /// (<see cref="CommandBlock"/> is an ITextLineSink), so it holds one line (401 chars), not the mail's text;
    /// a header line past 512 bytes is cut (From, Subject and the ids are far shorter).
    /// </summary>
    public static MimeReader NewReader() =>
        new MimeReader(new MimeLimits { MaxTextChars = CommandBlock.MaxAuthLength + 1, MaxHeaderBlock = 16 * 1024, MaxHeaderLine = 512, ChunkSize = 256 });

    /// <summary>
    /// Runs the signed block read from the mail (its text went into <paramref name="block"/>, finished) and
    /// queues the reply. Deferred when the verdict could not be recorded (the mail is left for the next
    /// poll); otherwise the mail is handled and may be deleted. <paramref name="flags"/> are what the MIME
    /// reader found wrong, which often explains a rejection (a part nested too deep, broken base64).
    /// </summary>
    public MailOutcome Run(string uid, CommandBlock block, MimeFlags flags, string from, string subject, string messageId, string references, DateTime now, PollReport report)
    {
        var result = _executor.Run(block, now);
        if (result.Verdict.Outcome == VerifyOutcome.NotRecorded)
            return new MailOutcome(uid, from, subject, MailVerdict.Deferred, result.Verdict.Reason);
        string reason = result.Verdict.Reason + (flags == MimeFlags.None ? "" : " (mail: " + MimeFlagNames.Describe(flags) + ")");
        string body = result.Verdict.Accepted
            ? result.ToText()
            : "rejected: " + reason + (result.Verdict.Outcome == VerifyOutcome.Replayed ? ReplayedNote : "\r\nNothing was run.\r\n");
        Reply(from, subject, messageId, references, body, now);
        if (result.RebootRequested) report.RebootRequested = true;
        return result.Verdict.Accepted
            ? new MailOutcome(uid, from, subject, MailVerdict.Executed, Join(result.Lines))
            : new MailOutcome(uid, from, subject, MailVerdict.Rejected, reason);
    }

    /// <summary>
    /// A command mail that cannot be read (a line or the mail over its limit): answered like any rejected one,
    /// so the caller records it as handled and it is never read again.
    /// </summary>
    public MailOutcome Unreadable(string uid, string from, string subject, string messageId, string references, string why, DateTime now)
    {
        Reply(from, subject, messageId, references, "rejected: the mail could not be read (" + why + ")\r\nNothing was run.\r\n", now);
        return new MailOutcome(uid, from, subject, MailVerdict.Rejected, "unreadable: " + why);
    }

    /// <summary>Queues the answer to a command mail, threaded under it (RFC 5322 3.6.4).</summary>
    public void Reply(string to, string subject, string messageIdHeader, string referencesHeader, string body, DateTime now)
    {
        string reSubject = Ascii.StartsWithIgnoreCase(subject, "Re:") ? subject : "Re: " + subject;
        var reply = new OutboxEntry(_ids.Next(now), now, new[] { to }, reSubject, body);
        var id = MessageIdList.Parse(messageIdHeader, 1);
        if (id.Length == 1)
        {
            // In-Reply-To is the parent's id; References its references plus that id (a few, bounded).
            reply.InReplyTo = id[0];
            var refs = MessageIdList.Parse(referencesHeader, 8);
            string list = "";
            for (int i = 0; i < refs.Length; i++) list += refs[i] + " ";
            reply.References = list + id[0];
        }
        _outbox.Add(reply);
    }

    static bool Listed(string[] list, string address)
    {
        for (int i = 0; i < list.Length; i++)
            if (Ascii.EqualsIgnoreCase(list[i], address)) return true;
        return false;
    }

    static int IndexOfIgnoreCase(string s, string value)
    {
        if (value.Length == 0) return 0;
        for (int i = 0; i + value.Length <= s.Length; i++)
        {
            int j = 0;
            while (j < value.Length && Ascii.ToLower(s[i + j]) == Ascii.ToLower(value[j])) j++;
            if (j == value.Length) return i;
        }
        return -1;
    }

    static string Join(string[] lines)
    {
        string s = "";
        for (int i = 0; i < lines.Length; i++) s = i == 0 ? lines[i] : s + "; " + lines[i];
        return s;
    }
}
