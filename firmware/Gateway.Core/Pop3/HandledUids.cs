using System.Collections;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Core.Pop3;

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
    const string Magic = "gateway-uids 1";

    readonly IStore _store;
    readonly ArrayList _uids = new ArrayList();

    public HandledUids(IStore store, ILog log)
    {
        _store = store;
        var data = store.Read(StoreName);
        if (data == null) return;
        if (!Load(data))
            log.Write(LogLevel.Warning, "the list of handled mails is damaged; every mail is checked again (commands are still guarded by their nonces)");
    }

    public int Count => _uids.Count;

    public bool Contains(string uid) => _uids.Contains(uid);

    /// <summary>Records <paramref name="uid"/> durably (written before this returns).</summary>
    public void Add(string uid)
    {
        if (_uids.Contains(uid)) return;
        _uids.Add(uid);
        while (_uids.Count > Capacity) _uids.RemoveAt(0);
        Save();
    }

    /// <summary>Forgets every UID not in <paramref name="onServer"/> (the mail is gone from the server for good).</summary>
    public void KeepOnly(Pop3UidEntry[] onServer)
    {
        bool changed = false;
        for (int i = _uids.Count - 1; i >= 0; i--)
        {
            bool present = false;
            for (int k = 0; k < onServer.Length && !present; k++)
                present = onServer[k].Uid == (string)_uids[i]!;
            if (!present)
            {
                _uids.RemoveAt(i);
                changed = true;
            }
        }
        if (changed) Save();
    }

    void Save()
    {
        string text = Magic + "\n";
        for (int i = 0; i < _uids.Count; i++) text += (string)_uids[i]! + "\n";
        _store.Write(StoreName, Checksummed.Seal(Utf8.GetBytes(text)));
    }

    bool Load(byte[] data)
    {
        int length = Checksummed.Open(data);
        if (length < 0) return false;
        var lines = Utf8.Decode(data, 0, length).Split('\n');
        if (lines.Length == 0 || lines[0] != Magic) return false;
        for (int i = 1; i < lines.Length; i++)
            if (lines[i].Length > 0) _uids.Add(lines[i]);
        return true;
    }
}
