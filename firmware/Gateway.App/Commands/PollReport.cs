using System;
using System.Collections;

namespace Gateway.App.Commands;

/// <summary>What one poll did.</summary>
public sealed class PollReport
{
    readonly ArrayList _outcomes = new ArrayList();

    /// <summary>Messages in the mailbox when listed.</summary>
    public int InMailbox { get; set; }

    /// <summary>One entry per new mail looked at, in mailbox order.</summary>
    public MailOutcome[] Outcomes => (MailOutcome[])_outcomes.ToArray(typeof(MailOutcome));

    /// <summary>A command asked for a reboot; the platform does it after the replies are delivered.</summary>
    public bool RebootRequested { get; set; }

    /// <summary>The failure that ended the poll early (a Pop3Exception or an ImapException), or null when it worked.</summary>
    public Exception? Error { get; set; }

    public bool Succeeded => Error == null;

    internal void Add(MailOutcome outcome) => _outcomes.Add(outcome);
}
