namespace Gateway.Mail.Imap;

/// <summary>What <see cref="ImapReader.Next"/> found (RFC 9051 9: the formal syntax's building blocks).</summary>
public enum ImapTokenKind
{
    /// <summary>An atom, a number, NIL, a flag (\Seen), "*" or "+": the text is in <see cref="ImapReader.Text"/>.</summary>
    Atom = 1,

    /// <summary>A quoted string, unescaped, in <see cref="ImapReader.Text"/>.</summary>
    Quoted = 2,

    /// <summary>{n} or {n+}: n octets follow; the caller reads, streams or skips them.</summary>
    Literal = 3,

    OpenParen = 4,
    CloseParen = 5,
    OpenBracket = 6,
    CloseBracket = 7,

    /// <summary>CRLF: the response is complete.</summary>
    EndOfLine = 8,
}
