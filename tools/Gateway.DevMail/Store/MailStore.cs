using System.Security.Cryptography;
using System.Text;

namespace Gateway.DevMail;

/// <summary>
/// The mailboxes on disk: <c>DIR/&lt;address&gt;/&lt;uid&gt;.eml</c>, one file per message, written to
/// <c>tmp/</c> first and renamed into place, so a crash leaves a message whole or absent. Each
/// mailbox keeps a <c>state</c> file with its UID validity (random, made with the folder) and its
/// next UID, written before a message is renamed in, so a UID is never given twice; the POP3 UIDL
/// is "validity.uid" and survives restarts. One lock guards the index, shared by SMTP and POP3.
/// </summary>
public sealed class MailStore
{
    const string StateFile = "state";
    const string TempFolder = "tmp";
    const string Extension = ".eml";

    readonly object _gate = new();
    readonly Dictionary<string, Box> _boxes = new(StringComparer.OrdinalIgnoreCase);

    sealed class Box
    {
        public required string Folder;
        public required string Validity;
        public long NextUid;
        public readonly SortedDictionary<long, StoredMessage> Messages = [];
    }

    public MailStore(string directory, IEnumerable<string> mailboxes)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var address in mailboxes)
        {
            if (!IsValidAddress(address))
                throw new ArgumentException($"'{address}' is not a mailbox address this store can hold");
            if (!_boxes.ContainsKey(address))
                _boxes[address] = Load(Path.Combine(Directory, address.ToLowerInvariant()), address.ToLowerInvariant());
        }
    }

    public string Directory { get; }

    public IReadOnlyCollection<string> Mailboxes
    {
        get { lock (_gate) return _boxes.Keys.ToArray(); }
    }

    /// <summary>The mailbox's UID validity (8 hex digits, made with its folder): IMAP's UIDVALIDITY, the first half of each UIDL.</summary>
    public string ValidityOf(string mailbox)
    {
        lock (_gate) return _boxes[mailbox].Validity;
    }

    public bool Has(string mailbox)
    {
        lock (_gate) return _boxes.ContainsKey(mailbox);
    }

    /// <summary>Letters, digits and . _ + - around one '@', at most 128 characters: safe as a folder name everywhere.</summary>
    public static bool IsValidAddress(string address)
    {
        int at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1 || address.Length > 128)
            return false;
        if (address.StartsWith('.') || address.EndsWith('.') || address.Contains(".."))
            return false;
        foreach (char c in address)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-' or '@'))
                return false;
        return true;
    }

    /// <summary>Stores <paramref name="message"/> (CRLF line ends) in <paramref name="mailbox"/> and returns what was stored.</summary>
    public StoredMessage Add(string mailbox, ReadOnlySpan<byte> message)
    {
        Box box;
        long uid;
        lock (_gate)
        {
            box = Get(mailbox);
            uid = box.NextUid++;
            WriteState(box);
        }
        var final = Path.Combine(box.Folder, uid.ToString("D8") + Extension);
        var temp = Path.Combine(box.Folder, TempFolder, uid.ToString("D8") + "." + Guid.NewGuid().ToString("N") + ".tmp");
        using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            f.Write(message);
            f.Flush(flushToDisk: true);
        }
        var (id, subject) = HeaderInfo.Read(message);
        var stored = new StoredMessage(Address(box), uid, box.Validity + "." + uid, message.Length, id, subject, DateTime.UtcNow, final);
        lock (_gate)
        {
            File.Move(temp, final);
            box.Messages[uid] = stored;
        }
        return stored;
    }

    /// <summary>The messages of <paramref name="mailbox"/>, oldest first: a snapshot.</summary>
    public IReadOnlyList<StoredMessage> List(string mailbox)
    {
        lock (_gate) return Get(mailbox).Messages.Values.ToArray();
    }

    /// <summary>The bytes of a message, or null if it was deleted meanwhile.</summary>
    public byte[]? Read(StoredMessage message)
    {
        try
        {
            return File.ReadAllBytes(message.Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes a message; false if it was already gone.</summary>
    public bool Delete(string mailbox, long uid)
    {
        lock (_gate)
        {
            var box = Get(mailbox);
            if (!box.Messages.Remove(uid, out var m)) return false;
            File.Delete(m.Path);
            return true;
        }
    }

    Box Get(string mailbox) =>
        _boxes.TryGetValue(mailbox, out var box) ? box : throw new ArgumentException($"no mailbox {mailbox}");

    static string Address(Box box) => Path.GetFileName(box.Folder);

    static Box Load(string folder, string address)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(folder, TempFolder));
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Path.Combine(folder, TempFolder)))
            File.Delete(leftover); // a write that never reached its rename: the sender was not told 250
        string? validity = null;
        long next = 1;
        var statePath = Path.Combine(folder, StateFile);
        if (File.Exists(statePath))
            foreach (var line in File.ReadAllLines(statePath))
            {
                if (line.StartsWith("validity=", StringComparison.Ordinal)) validity = line[9..];
                else if (line.StartsWith("next=", StringComparison.Ordinal) && long.TryParse(line[5..], out var n)) next = n;
            }
        var box = new Box { Folder = folder, Validity = validity ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), NextUid = next };
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*" + Extension))
        {
            if (!long.TryParse(Path.GetFileNameWithoutExtension(file), out var uid) || uid <= 0) continue;
            var bytes = File.ReadAllBytes(file);
            var (id, subject) = HeaderInfo.Read(bytes);
            box.Messages[uid] = new StoredMessage(address, uid, box.Validity + "." + uid, bytes.Length, id, subject, File.GetLastWriteTimeUtc(file), file);
            if (uid >= box.NextUid) box.NextUid = uid + 1; // a state file older than its messages
        }
        WriteState(box);
        return box;
    }

    static void WriteState(Box box)
    {
        var path = Path.Combine(box.Folder, StateFile);
        var temp = path + ".tmp";
        File.WriteAllText(temp, $"validity={box.Validity}\nnext={box.NextUid}\n", Encoding.ASCII);
        File.Move(temp, path, overwrite: true);
    }
}
