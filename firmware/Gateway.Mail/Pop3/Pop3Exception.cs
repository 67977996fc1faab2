using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Pop3;

/// <summary>
/// A POP3 session step failed. Carries the kind (retry, skip or not), the stage, and when the server
/// answered -ERR, its response code and text. Only an -ERR answer (<see cref="HasResponse"/>) leaves
/// the session usable; after any other failure the client has closed the connection.
/// </summary>
public class Pop3Exception : Exception
{
    public Pop3Exception(Pop3ErrorKind kind, Pop3Stage stage, string message)
        : base(message)
    {
        Kind = kind;
        Stage = stage;
        Code = "";
        ServerText = "";
    }

    public Pop3Exception(Pop3ErrorKind kind, Pop3Stage stage, string message, Exception inner)
        : base(message, inner)
    {
        Kind = kind;
        Stage = stage;
        Code = "";
        ServerText = "";
    }

    /// <summary>The server answered a step with -ERR <paramref name="response"/>.</summary>
    public Pop3Exception(Pop3Stage stage, Pop3Response response)
        : base(StageName(stage) + " refused: " + response.ToString())
    {
        Kind = response.IsTemporary ? Pop3ErrorKind.Transient : Pop3ErrorKind.Permanent;
        Stage = stage;
        HasResponse = true;
        Code = response.Code;
        CodeKind = response.CodeKind;
        ServerText = response.Text;
    }

    public Pop3ErrorKind Kind { get; }

    public Pop3Stage Stage { get; }

    /// <summary>True when the server answered -ERR (the session can go on); false for everything else.</summary>
    public bool HasResponse { get; }

    /// <summary>The RFC 2449/3206 response code without brackets ("AUTH", "SYS/TEMP"), or "".</summary>
    public string Code { get; }

    public Pop3ResponseCode CodeKind { get; }

    /// <summary>The -ERR text as the server sent it, or "".</summary>
    public string ServerText { get; }

    public static string StageName(Pop3Stage stage)
    {
        switch (stage)
        {
            case Pop3Stage.Connect: return "connect";
            case Pop3Stage.Greeting: return "greeting";
            case Pop3Stage.Capa: return "CAPA";
            case Pop3Stage.Stls: return "STLS";
            case Pop3Stage.Auth: return "login";
            case Pop3Stage.Stat: return "STAT";
            case Pop3Stage.Uidl: return "UIDL";
            case Pop3Stage.List: return "LIST";
            case Pop3Stage.Top: return "TOP";
            case Pop3Stage.Retr: return "RETR";
            case Pop3Stage.Dele: return "DELE";
            case Pop3Stage.Rset: return "RSET";
            case Pop3Stage.Noop: return "NOOP";
            case Pop3Stage.Quit: return "QUIT";
            default: return "stage " + Ascii.FromInt((int)stage);
        }
    }
}
