using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>What became of one command mail: refused with a reason, or executed with one result line per command.</summary>
public sealed class CommandReport
{
    public CommandReport(VerifyResult verdict, string[] lines, bool rebootRequested)
    {
        Verdict = verdict;
        Lines = lines;
        RebootRequested = rebootRequested;
    }

    public VerifyResult Verdict { get; }

    public bool Executed => Verdict.Accepted;

    /// <summary>One line per command, in order: "relay1 on: ok (was off)", "frobnicate: error: unknown command (try help)".</summary>
    public string[] Lines { get; }

    /// <summary>A <c>reboot</c> ran: restart once the reply is in the outbox (never before).</summary>
    public bool RebootRequested { get; }

    /// <summary>Lines that ended in an error.</summary>
    public int Errors
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Lines.Length; i++)
                if (Ascii.Contains(Lines[i], ": error: ")) n++;
            return n;
        }
    }

    /// <summary>The reply mail's body: "rejected: REASON", or "executed N command(s)" and the result lines.</summary>
    public string ToText()
    {
        if (!Executed) return "rejected: " + Verdict.Reason + "\n";
        string text = "executed " + Ascii.FromInt(Lines.Length) + " command(s)\n";
        for (int i = 0; i < Lines.Length; i++) text += Lines[i] + "\n";
        return text;
    }
}
