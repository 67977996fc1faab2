using System;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.App.Commands;

/// <summary>
/// The replay guard: the nonces of executed commands, persisted in the store as one blob
/// ("commands/nonces", at most <see cref="Capacity"/> entries, about 3 KB) with an FNV-1a checksum line.
/// <para>
/// Bounded by a <b>floor</b>: an entry is dropped only when it can no longer matter (its timestamp is
/// more than a window behind the clock) or to make room (the oldest first), and the floor is then
/// raised to the dropped entry's timestamp. A command whose timestamp is at or below the floor is
/// refused whatever the clock says, so forgetting a nonce never makes it usable again, even after
/// the clock has been set back. Entries live at least one window (unless more than
/// <see cref="Capacity"/> commands arrive within one window, when the oldest go and the floor rises).
/// </para>
/// <para>
/// A torn or damaged blob is not trusted and not fatal: the journal starts empty with its floor at
/// the clock plus one window. Every command that could have been accepted before (timestamp at most
/// a window from the clock at that time, and that time was before now) is then refused; new commands
/// signed after that moment work. The price is that the operator waits one window at most. A missing
/// blob is a device that never executed a command: it starts empty without a floor. Both rely on the
/// clock, so the journal is opened once the clock is set (SNTP on the device), as TLS needs anyway.
/// </para>
/// <see cref="Record"/> writes the blob before it returns (IStore.Write is atomic): the executor calls
/// it before any actuator moves, so a crash at any later point never runs the command twice.
/// </summary>
public sealed class NonceJournal
{
    public const string StoreName = "commands/nonces";

    /// <summary>The most nonces kept (each about 46 bytes stored).</summary>
    public const int Capacity = 64;

    const string Magic = "gateway-nonces 1";

    readonly IStore _store;
    readonly ILog _log;
    readonly long _windowTicks;
    // Grown as nonces arrive, up to Capacity: most devices see a few commands a window, and 64 slots of
    // each are 1.5 KB of a small heap.
    string[] _nonces = new string[4];
    DateTime[] _times = new DateTime[4];
    int _count;

    NonceJournal(IStore store, int windowMs, ILog log)
    {
        _store = store;
        _log = log;
        _windowTicks = windowMs * TimeSpan.TicksPerMillisecond;
    }

    /// <summary>Entries kept now.</summary>
    public int Count => _count;

    /// <summary>When this journal was first written (or rebuilt after damage).</summary>
    public DateTime CreatedUtc { get; private set; }

    /// <summary>Whether commands at or below <see cref="FloorUtc"/> are refused.</summary>
    public bool HasFloor { get; private set; }

    public DateTime FloorUtc { get; private set; }

    /// <summary>True when the stored blob was damaged and the journal was rebuilt with a floor.</summary>
    public bool Recovered { get; private set; }

    /// <summary>Loads the journal (see the class comment for a missing or damaged blob).</summary>
    public static NonceJournal Open(IStore store, int windowMs, DateTime nowUtc, ILog log)
    {
        var j = new NonceJournal(store, windowMs, log);
        var data = store.Read(StoreName);
        if (data == null)
        {
            j.CreatedUtc = nowUtc;
            return j;
        }
        string problem = j.Load(data);
        if (problem.Length == 0) return j;

        j._count = 0;
        j.CreatedUtc = nowUtc;
        j.HasFloor = true;
        j.FloorUtc = nowUtc.AddTicks(j._windowTicks);
        j.Recovered = true;
        log.Write(LogLevel.Error, "command journal " + StoreName + " is damaged (" + problem + "): rebuilt empty; commands signed at or before "
            + IsoTime.Format(j.FloorUtc) + " are refused");
        j.Save();
        return j;
    }

    public bool Contains(string nonce)
    {
        for (int i = 0; i < _count; i++)
            if (_nonces[i] == nonce) return true;
        return false;
    }

    /// <summary>Whether a timestamp is at or below the floor (its nonce may have been forgotten).</summary>
    public bool IsBelowFloor(DateTime timestamp) => HasFloor && timestamp <= FloorUtc;

    /// <summary>Adds a nonce and writes the journal to the store; throws whatever the store throws.</summary>
    public void Record(string nonce, DateTime timestamp, DateTime nowUtc)
    {
        // Forget what the window already refuses; then, if still full, the oldest.
        for (int i = 0; i < _count;)
        {
            if (_times[i].Ticks + _windowTicks < nowUtc.Ticks) RemoveAt(i);
            else i++;
        }
        if (_count == Capacity)
        {
            int oldest = 0;
            for (int i = 1; i < _count; i++)
                if (_times[i] < _times[oldest]) oldest = i;
            RemoveAt(oldest);
        }
        Add(nonce, timestamp);
        Save();
    }

    void Add(string nonce, DateTime timestamp)
    {
        if (_count == _nonces.Length)
        {
            int size = _nonces.Length * 2 > Capacity ? Capacity : _nonces.Length * 2;
            var nonces = new string[size];
            var times = new DateTime[size];
            Array.Copy(_nonces, nonces, _count);
            Array.Copy(_times, times, _count);
            _nonces = nonces;
            _times = times;
        }
        _nonces[_count] = nonce;
        _times[_count] = timestamp;
        _count++;
    }

    void RemoveAt(int i)
    {
        if (!HasFloor || _times[i] > FloorUtc)
        {
            HasFloor = true;
            FloorUtc = _times[i];
        }
        _count--;
        _nonces[i] = _nonces[_count];
        _times[i] = _times[_count];
        _nonces[_count] = "";
    }

    void Save()
    {
        string text = Magic + "\ncreated: " + IsoTime.Format(CreatedUtc) + "\nfloor: " + (HasFloor ? IsoTime.Format(FloorUtc) : "none") + "\n";
        for (int i = 0; i < _count; i++)
            text += "n: " + _nonces[i] + " " + IsoTime.Format(_times[i]) + "\n";
        _store.Write(StoreName, Checksummed.Seal(text));
    }

    /// <summary>Reads a stored blob into this journal; "" when it was whole, or what is wrong.</summary>
    string Load(byte[] data)
    {
        int sumLine = Checksummed.Open(data);
        if (sumLine < 0) return "checksum missing or wrong (torn or damaged write)";
        var lines = Utf8.Decode(data, 0, sumLine).Split('\n');
        if (lines.Length < 3 || lines[0] != Magic) return "not a command journal";
        if (!Ascii.StartsWith(lines[1], "created: ") || !IsoTime.TryParse(lines[1].Substring(9), out DateTime created))
            return "no creation time";
        CreatedUtc = created;
        if (!Ascii.StartsWith(lines[2], "floor: ")) return "no floor";
        string floor = lines[2].Substring(7);
        if (floor != "none")
        {
            if (!IsoTime.TryParse(floor, out DateTime f)) return "malformed floor";
            HasFloor = true;
            FloorUtc = f;
        }
        for (int i = 3; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            int space = line.IndexOf(' ', 3);
            if (!Ascii.StartsWith(line, "n: ") || space < 0 || !IsoTime.TryParse(line.Substring(space + 1), out DateTime t))
                return "malformed entry on line " + Ascii.FromInt(i + 1);
            if (_count == Capacity) return "more than " + Ascii.FromInt(Capacity) + " entries";
            Add(line.Substring(3, space - 3), t);
        }
        return "";
    }
}
