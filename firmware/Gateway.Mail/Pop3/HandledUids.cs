using System.Collections;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>
/// The UIDs of mails already handled, kept in the store so a mail is handled once even when DELE
/// did not commit (POP3 deletes only at QUIT) or the session dropped. Bounded: UIDs the server no
/// longer lists are forgotten (<see cref="KeepOnly"/>), and at most <see cref="Capacity"/> are kept,
/// oldest first out. A damaged blob is detected by its checksum; then every mail on the server is
/// treated as new, and the command journal's nonces still keep any command from running twice.
/// </summary>
public sealed class HandledUids
{
    public const string StoreName = "pop3/handled";
    public const int Capacity = 500;
    const string Magic = "gateway-uids 2";

    readonly IStore _store;
    readonly ArrayList _uids = new ArrayList();
    readonly ArrayList _delete = new ArrayList(); // bool per uid

    readonly string _storeName;

    public HandledUids(IStore store, ILog log)
        : this(store, log, StoreName)
    {
    }

    /// <summary>A list kept under <paramref name="storeName"/> (the IMAP poller keeps its own, keyed by UIDVALIDITY).</summary>
    public HandledUids(IStore store, ILog log, string storeName)
    {
        _store = store;
        _storeName = storeName;
        var data = store.Read(storeName);
        if (data == null) return;
        if (!Load(data))
        {
            _uids.Clear();
            _delete.Clear();
            log.Write(LogLevel.Warning, "the list of handled mails is damaged; every mail is checked again (commands are still guarded by their nonces)");
        }
    }

    public int Count => _uids.Count;

    public bool Contains(string uid) => IndexOf(uid) >= 0;

    /// <summary>Whether the mail was marked for deletion: a DELE lost with its session is sent again.</summary>
    public bool ShouldDelete(string uid)
    {
        int i = IndexOf(uid);
        return i >= 0 && (bool)_delete[i]!;
    }

    /// <summary>Records <paramref name="uid"/> durably (written before this returns).</summary>
    public void Add(string uid, bool delete)
    {
        int i = IndexOf(uid);
        if (i >= 0)
        {
            if ((bool)_delete[i]! == delete) return;
            _delete[i] = delete;
        }
        else
        {
            _uids.Add(uid);
            _delete.Add(delete);
            while (_uids.Count > Capacity)
            {
                _uids.RemoveAt(0);
                _delete.RemoveAt(0);
            }
        }
        Save();
    }

    int IndexOf(string uid)
    {
        for (int i = 0; i < _uids.Count; i++)
            if ((string)_uids[i]! == uid) return i;
        return -1;
    }

    /// <summary>Forgets every UID not in <paramref name="onServer"/> (the mail is gone from the server for good).</summary>
    public void KeepOnly(Pop3UidEntry[] onServer)
    {
        var uids = new string[onServer.Length];
        for (int k = 0; k < uids.Length; k++) uids[k] = onServer[k].Uid;
        KeepOnly(uids);
    }

    /// <summary>Forgets every UID not in <paramref name="onServer"/>.</summary>
    public void KeepOnly(string[] onServer)
    {
        bool changed = false;
        for (int i = _uids.Count - 1; i >= 0; i--)
        {
            bool present = false;
            for (int k = 0; k < onServer.Length && !present; k++)
                present = onServer[k] == (string)_uids[i]!;
            if (!present)
            {
                _uids.RemoveAt(i);
                _delete.RemoveAt(i);
                changed = true;
            }
        }
        if (changed) Save();
    }

    void Save()
    {
        string text = Magic + "\n";
        for (int i = 0; i < _uids.Count; i++) text += ((bool)_delete[i]! ? "d " : "k ") + (string)_uids[i]! + "\n";
        _store.Write(_storeName, Checksummed.Seal(text));
    }

    bool Load(byte[] data)
    {
        int length = Checksummed.Open(data);
        if (length < 0) return false;
        var lines = Utf8.Decode(data, 0, length).Split('\n');
        if (lines.Length == 0 || lines[0] != Magic) return false;
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            if (line.Length < 3 || (line[0] != 'd' && line[0] != 'k') || line[1] != ' ') return false;
            _uids.Add(line.Substring(2));
            _delete.Add(line[0] == 'd');
        }
        return true;
    }
}
