namespace Gateway.Mail.Pop3;

/// <summary>
/// The POP3 client's fixed sizes, in one place. Its working memory is one line buffer
/// (<see cref="MaxLine"/> + 2) and one write buffer; messages stream through the line buffer.
/// </summary>
public static class Pop3Limits
{
    /// <summary>
    /// The longest line read. RFC 2449 4 bounds responses to 512 octets; message lines are at most
    /// 998 (RFC 5322 2.1.1) plus a stuffed dot. A longer line in a message is a <see cref="Pop3ErrorKind.Limit"/>.
    /// </summary>
    public const int MaxLine = 1000;

    /// <summary>Commands collect here before one write; longer lines (a SASL response) go out in pieces.</summary>
    public const int WriteBuffer = 256;

    /// <summary>RFC 2449 4: a command is at most 255 octets with CRLF; a longer AUTH drops its initial response (RFC 5034 4).</summary>
    public const int MaxCommandLine = 255;

    /// <summary>A CAPA response longer than this is a broken or hostile server (Dovecot lists 9).</summary>
    public const int MaxCapaLines = 64;

    /// <summary>The most entries a UIDL or LIST call may return (each UIDL entry costs ~70 bytes of heap).</summary>
    public const int MaxListed = 1000;

    /// <summary>
    /// Lines of one UIDL or LIST response beyond which it is taken as endless (a Protocol error);
    /// lines after the requested entries are read and dropped up to here.
    /// </summary>
    public const int MaxListLines = 100000;

    /// <summary>RFC 1939 7: a unique-id is 1 to 70 characters in 0x21-0x7E.</summary>
    public const int MaxUidLength = 70;

    /// <summary>SASL challenges before the exchange is taken as endless: the one SASL exchange's limit.</summary>
    public const int MaxSaslChallenges = Gateway.Mail.Sasl.SaslExchange.MaxChallenges;
}
