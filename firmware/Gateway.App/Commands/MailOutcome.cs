using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>One mail's outcome in a poll, for the log and for `gateway poll`.</summary>
public sealed class MailOutcome
{
    public MailOutcome(string uid, string from, string subject, MailVerdict verdict, string detail)
    {
        Uid = uid;
        From = from;
        Subject = subject;
        Verdict = verdict;
        Detail = detail;
    }

    public string Uid { get; }
    public string From { get; }
    public string Subject { get; }
    public MailVerdict Verdict { get; }

    /// <summary>Why it was skipped or rejected, or the command results joined by "; ".</summary>
    public string Detail { get; }

    public override string ToString()
    {
        string what = Verdict == MailVerdict.Executed ? "executed" : Verdict == MailVerdict.Rejected ? "rejected" : Verdict == MailVerdict.Skipped ? "skipped" : "deferred";
        return what + ": " + (From.Length > 0 ? "from " + Ascii.Excerpt(From, 80) + ", " : "") + Detail;
    }
}
