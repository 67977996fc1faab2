using System;

namespace Gateway.Mail.Imap;

/// <summary>
/// An IMAP step failed. Carries the kind (retry, skip or not), the command, and when the server
/// answered NO or BAD, its response code and text. Only such an answer (<see cref="HasResponse"/>)
/// leaves the session usable; after any other failure the client has closed the connection.
/// </summary>
public class ImapException : Exception
{
    public ImapException(ImapErrorKind kind, string command, string message)
        : base(command + ": " + message)
    {
        Kind = kind;
        Command = command;
        Status = "";
        Code = "";
        ServerText = "";
    }

    public ImapException(ImapErrorKind kind, string command, string message, Exception inner)
        : base(command + ": " + message, inner)
    {
        Kind = kind;
        Command = command;
        Status = "";
        Code = "";
        ServerText = "";
    }

    /// <summary>The server answered <paramref name="command"/> with NO or BAD (or said BYE).</summary>
    public ImapException(string command, ImapStatus status)
        : base(command + " refused: " + status.ToString())
    {
        Kind = IsTemporary(status) ? ImapErrorKind.Transient : ImapErrorKind.Permanent;
        Command = command;
        HasResponse = status.Status != "BYE";
        Status = status.Status;
        Code = status.Code;
        ServerText = status.Text;
    }

    public ImapErrorKind Kind { get; }

    /// <summary>The command that failed ("LOGIN", "UID FETCH", "connect").</summary>
    public string Command { get; }

    /// <summary>True when the server answered NO or BAD: the session can go on.</summary>
    public bool HasResponse { get; }

    /// <summary>"NO", "BAD", "BYE" or "" (not the server's answer).</summary>
    public string Status { get; }

    /// <summary>The response code's name without brackets ("AUTHENTICATIONFAILED", "TRYCREATE"), or "".</summary>
    public string Code { get; }

    /// <summary>The server's text after the code, or "".</summary>
    public string ServerText { get; }

    /// <summary>RFC 5530 codes that say "later", and BYE (the server is going away).</summary>
    static bool IsTemporary(ImapStatus s) =>
        s.Status == "BYE" || s.Code == "UNAVAILABLE" || s.Code == "INUSE" || s.Code == "LIMIT" || s.Code == "SERVERBUG";
}
