using Gateway.Core.Platform;

namespace Gateway.Host.Sensors;

/// <summary>
/// A relay that exists only in configuration (`relay.NAME.sim = off`); it counts its moves, so tests can
/// prove a command ran once. With a journal file it behaves like hardware across restarts: each move is
/// appended and flushed to disk before it counts, and a restart resumes the state and count it left.
/// </summary>
public sealed class SimulatedRelay : IActuator
{
    readonly string? _journal;

    public SimulatedRelay(string name, bool on, string? journal = null)
    {
        Name = name;
        On = on;
        _journal = journal;
        if (journal == null || !File.Exists(journal)) return;
        foreach (var line in File.ReadAllLines(journal))
        {
            // A move cut off mid-line by a crash never happened: only whole lines count.
            if (line != "on" && line != "off") continue;
            On = line == "on";
            Moves++;
        }
    }

    public string Name { get; }
    public string State => On ? "on" : "off";
    public bool On { get; private set; }

    /// <summary>How many times Set was called (a real relay would have clicked), over every run that shared the journal.</summary>
    public int Moves { get; private set; }

    public void Set(string value)
    {
        bool on = value switch
        {
            "on" => true,
            "off" => false,
            _ => throw new ArgumentException($"a relay is on or off, not \"{value}\""),
        };
        if (_journal != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_journal))!);
            using var f = new FileStream(_journal, FileMode.Append, FileAccess.Write, FileShare.Read);
            var line = System.Text.Encoding.ASCII.GetBytes(value + "\n");
            f.Write(line, 0, line.Length);
            f.Flush(flushToDisk: true);
        }
        On = on;
        Moves++;
    }

    /// <summary>Where a virtual device keeps a simulated relay's moves: beside its store, so they outlive the process.</summary>
    public static string JournalPath(string storePath, string name) => Path.Combine(storePath + ".relays", name);
}
