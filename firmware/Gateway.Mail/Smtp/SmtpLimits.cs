namespace Gateway.Mail.Smtp;

/// <summary>The SMTP client's fixed sizes, in one place; their sum is its working memory.</summary>
public static class SmtpLimits
{
    /// <summary>RFC 5321 4.5.3.1.5: a reply line is at most 512 octets with CRLF; some servers send longer, so allow 1000.</summary>
    public const int MaxReplyLine = 1000;

    /// <summary>A multi-line reply longer than this is a broken or hostile server (EHLO lists ~15 lines).</summary>
    public const int MaxReplyLines = 64;

    /// <summary>
    /// Commands of one pipelined flight and body chunks collect here before one write. 1 KB holds MAIL, DATA
    /// and about 15 RCPT; a longer flight is written in two pieces, without waiting between them.
    /// </summary>
    public const int WriteBuffer = 1024;

    /// <summary>RFC 5321 4.5.3.1.3: the longest command line.</summary>
    public const int MaxCommandLine = 512;

    /// <summary>AUTH challenges before the exchange is taken as endless (LOGIN needs 2, XOAUTH2 at most 1): the one SASL exchange's limit.</summary>
    public const int MaxSaslChallenges = Gateway.Mail.Sasl.SaslExchange.MaxChallenges;

    /// <summary>Recipients per message; RFC 5321 asks servers to take at least 100.</summary>
    public const int MaxRecipients = 100;
}
