using Gateway.Fuzz.Targets;

namespace Gateway.Fuzz;

/// <summary>Every fuzz target, by its command-line name.</summary>
public static class FuzzTargets
{
    public static readonly IFuzzTarget[] All =
    [
        new SmtpReplyTarget(), new Pop3Target(), new MimeTarget(), new CommandTarget(),
        new ConfigTarget(), new FrameTarget(), new PcapTarget(), new HexTarget(), new DialogueTarget(),
        new SmtpSessionTarget(), new SaslTarget(), new ImapTarget(),
    ];

    public static string Names => string.Join(", ", All.Select(t => t.Name));

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
