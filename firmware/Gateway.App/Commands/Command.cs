namespace Gateway.App.Commands;

/// <summary>One parsed command line. Built by <see cref="CommandParser.Parse"/>; an unusable line is <see cref="CommandKind.Invalid"/> with an <see cref="Error"/>.</summary>
public sealed class Command
{
    internal Command(CommandKind kind, string label, string argument, string value, string error)
    {
        Kind = kind;
        Label = label;
        Argument = argument;
        Value = value;
        Error = error;
    }

    public CommandKind Kind { get; }

    /// <summary>What the result line starts with: "status", "get smtp.host", "relay1 on", or the unknown word (printable excerpt).</summary>
    public string Label { get; }

    /// <summary>The key of get/set (lower case) or the relay's name; "" otherwise.</summary>
    public string Argument { get; }

    /// <summary>The value of set (the rest of the line, trimmed) or the relay action (on, off, toggle, lower case); "" otherwise.</summary>
    public string Value { get; }

    /// <summary>Why the line is <see cref="CommandKind.Invalid"/>; "" for a valid command.</summary>
    public string Error { get; }
}
