namespace Gateway.Mail.Pop3;

/// <summary>One line of UIDL (RFC 1939 7): a message number in this session and its lasting unique-id.</summary>
public sealed class Pop3UidEntry
{
    public Pop3UidEntry(int number, string uid)
    {
        Number = number;
        Uid = uid;
    }

    public int Number { get; }

    /// <summary>1 to 70 printable ASCII characters; the same for the same message in every session.</summary>
    public string Uid { get; }
}
