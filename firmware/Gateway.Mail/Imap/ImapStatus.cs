namespace Gateway.Mail.Imap;

/// <summary>A status response (RFC 9051 7.1): OK, NO, BAD, PREAUTH or BYE, its response code and text.</summary>
public sealed class ImapStatus
{
    public ImapStatus(string status, string code, string codeArgument, string text)
    {
        Status = status;
        Code = code;
        CodeArgument = codeArgument;
        Text = text;
    }

    /// <summary>"OK", "NO", "BAD", "PREAUTH" or "BYE".</summary>
    public string Status { get; }

    /// <summary>The code's name in upper case ("UIDVALIDITY", "ALERT"), or "".</summary>
    public string Code { get; }

    /// <summary>The code's first argument ("3857529045" for UIDVALIDITY), or "".</summary>
    public string CodeArgument { get; }

    public string Text { get; }

    public bool IsOk => Status == "OK";

    public override string ToString() =>
        Status + (Code.Length > 0 ? " [" + Code + (CodeArgument.Length > 0 ? " " + CodeArgument : "") + "]" : "") + (Text.Length > 0 ? " " + Text : "");
}
