namespace Gateway.Mail.Pop3;

/// <summary>The answer to STAT: messages in the maildrop and their total size (RFC 1939 5).</summary>
public sealed class Pop3Stat
{
    public Pop3Stat(int count, long size)
    {
        Count = count;
        Size = size;
    }

    public int Count { get; }

    /// <summary>Octets, as the server counts them (CRLF line ends).</summary>
    public long Size { get; }
}
