namespace Gateway.Mail.Pop3;

/// <summary>One line of LIST (RFC 1939 5): a message number in this session and its size in octets.</summary>
public sealed class Pop3ListEntry
{
    public Pop3ListEntry(int number, long size)
    {
        Number = number;
        Size = size;
    }

    public int Number { get; }

    public long Size { get; }
}
