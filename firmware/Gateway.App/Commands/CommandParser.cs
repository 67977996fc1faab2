using System.Collections;
using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>
/// The command language, one command a line, words separated by blanks, command words and keys in any
/// ASCII case: <c>status</c>, <c>ping</c>, <c>help</c>, <c>get KEY</c>, <c>set KEY VALUE</c>,
/// <c>relay NAME on|off|toggle</c>, <c>reboot</c>. Never throws: a line it cannot use is an
/// <see cref="CommandKind.Invalid"/> command whose error goes into the reply.
/// </summary>
public static class CommandParser
{
    /// <summary>The text of <c>help</c>.</summary>
    public const string Help = "commands: status, ping, help, get KEY, set KEY VALUE, relay NAME on|off|toggle, reboot";

    /// <summary>How much of a bad word an error line repeats.</summary>
    const int EchoMax = 32;

    public static Command Parse(string line)
    {
        string text = Ascii.TrimBlanks(line == null ? "" : line);
        var words = Words(text);
        if (words.Count == 0)
            return Invalid("(empty)", "empty command");
        string verb = Ascii.ToLower((string)words[0]!);
        int args = words.Count - 1;
        switch (verb)
        {
            case "status": return NoArguments(CommandKind.Status, verb, args);
            case "ping": return NoArguments(CommandKind.Ping, verb, args);
            case "help": return NoArguments(CommandKind.Help, verb, args);
            case "reboot": return NoArguments(CommandKind.Reboot, verb, args);
            case "get":
            {
                if (args != 1) return Invalid("get", "usage: get KEY");
                string key = Ascii.ToLower((string)words[1]!);
                return new Command(CommandKind.Get, "get " + Ascii.Excerpt(key, EchoMax), key, "", "");
            }
            case "set":
            {
                if (args < 2) return Invalid("set", "usage: set KEY VALUE");
                string key = Ascii.ToLower((string)words[1]!);
                string value = Ascii.TrimBlanks(text.Substring(ValueStart(text)));
                return new Command(CommandKind.Set, "set " + Ascii.Excerpt(key, EchoMax), key, value, "");
            }
            case "relay":
            {
                if (args != 2) return Invalid("relay", "usage: relay NAME on|off|toggle");
                string name = (string)words[1]!;
                string action = Ascii.ToLower((string)words[2]!);
                string label = Ascii.Excerpt(name, EchoMax) + " " + Ascii.Excerpt(action, EchoMax);
                if (action != "on" && action != "off" && action != "toggle")
                    return Invalid(label, "usage: relay NAME on|off|toggle");
                return new Command(CommandKind.Relay, label, name, action, "");
            }
            default:
                return Invalid(Ascii.Excerpt((string)words[0]!, EchoMax), "unknown command (try help)");
        }
    }

    static Command NoArguments(CommandKind kind, string verb, int args) =>
        args == 0 ? new Command(kind, verb, "", "", "") : Invalid(verb, verb + " takes no arguments");

    static Command Invalid(string label, string error) => new Command(CommandKind.Invalid, label, "", "", error);

    static ArrayList Words(string text)
    {
        var words = new ArrayList();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && Ascii.IsBlank(text[i])) i++;
            int start = i;
            while (i < text.Length && !Ascii.IsBlank(text[i])) i++;
            if (i > start) words.Add(text.Substring(start, i - start));
        }
        return words;
    }

    /// <summary>Where the third word starts (the value of set, which may itself hold blanks).</summary>
    static int ValueStart(string text)
    {
        int i = 0;
        for (int word = 0; word < 2; word++)
        {
            while (i < text.Length && Ascii.IsBlank(text[i])) i++;
            while (i < text.Length && !Ascii.IsBlank(text[i])) i++;
        }
        return i;
    }
}
