using Gateway.Core.Text;

namespace Gateway.MemoryProbe;

/// <summary>
/// A POP3 mailbox holding one mail until the client deletes it (DELE, then QUIT): CAPA, USER/PASS,
/// STAT, UIDL, LIST, TOP, RETR, DELE, QUIT.
/// </summary>
public sealed class CannedPop3Server : CannedServer
{
    readonly byte[] _greeting = Bytes("+OK probe POP3 ready\r\n");
    readonly byte[] _capa = Bytes("+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n");
    readonly byte[] _ok = Bytes("+OK\r\n");
    readonly byte[] _end = Bytes(".\r\n");
    readonly byte[] _bye = Bytes("+OK bye\r\n");
    readonly byte[] _unknown = Bytes("-ERR unknown command\r\n");
    readonly byte[] _statFull;
    readonly byte[] _statEmpty = Bytes("+OK 0 0\r\n");
    readonly byte[] _uidl = Bytes("+OK\r\n1 probe-mail-1\r\n.\r\n");
    readonly byte[] _list;
    readonly byte[] _empty = Bytes("+OK\r\n.\r\n");
    readonly byte[] _headers;
    readonly byte[] _mail;
    bool _held = true;
    bool _deleting;

    /// <param name="headers">The mail's header lines, each ending CRLF.</param>
    /// <param name="body">Its body, lines ending CRLF, none starting with a dot.</param>
    public CannedPop3Server(string headers, string body)
    {
        _headers = Bytes(headers + "\r\n");
        _mail = Bytes(headers + "\r\n" + body);
        string size = Ascii.FromInt(_mail.Length);
        _statFull = Bytes("+OK 1 " + size + "\r\n");
        _list = Bytes("+OK\r\n1 " + size + "\r\n.\r\n");
    }

    /// <summary>Whether the mail is still in the mailbox.</summary>
    public bool Holds => _held;

    protected override void OnConnect()
    {
        _deleting = false;
        Reply(_greeting);
    }

    protected override void OnLine(byte[] line, int length)
    {
        if (Is(line, length, "CAPA")) Reply(_capa);
        else if (Is(line, length, "USER") || Is(line, length, "PASS") || Is(line, length, "NOOP") || Is(line, length, "RSET")) Reply(_ok);
        else if (Is(line, length, "STAT")) Reply(_held ? _statFull : _statEmpty);
        else if (Is(line, length, "UIDL")) Reply(_held ? _uidl : _empty);
        else if (Is(line, length, "LIST")) Reply(_held ? _list : _empty);
        else if (Is(line, length, "TOP")) Message(_headers);
        else if (Is(line, length, "RETR")) Message(_mail);
        else if (Is(line, length, "DELE"))
        {
            _deleting = true;
            Reply(_ok);
        }
        else if (Is(line, length, "QUIT"))
        {
            if (_deleting) _held = false;
            Reply(_bye);
        }
        else Reply(_unknown);
    }

    void Message(byte[] text)
    {
        Reply(_ok);
        Reply(text);
        Reply(_end);
    }
}
