using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Smtp;

/// <summary>
/// An SMTP session step failed. Carries the kind (retry or not), the stage, and when the server
/// answered, its code, enhanced code and text, so the log and the doctor can say what it said.
/// </summary>
public class SmtpException : Exception
{
    public SmtpException(SmtpErrorKind kind, SmtpStage stage, string message)
        : base(message)
    {
        Kind = kind;
        Stage = stage;
        EnhancedCode = "";
        ServerText = "";
    }

    public SmtpException(SmtpErrorKind kind, SmtpStage stage, string message, Exception inner)
        : base(message, inner)
    {
        Kind = kind;
        Stage = stage;
        EnhancedCode = "";
        ServerText = "";
    }

    /// <summary>The server refused a step with <paramref name="reply"/>.</summary>
    public SmtpException(SmtpStage stage, SmtpReply reply)
        : base(StageName(stage) + " refused: " + reply.ToString())
    {
        Kind = reply.IsTransientFailure ? SmtpErrorKind.Transient : SmtpErrorKind.Permanent;
        Stage = stage;
        Code = reply.Code;
        EnhancedCode = reply.EnhancedCode;
        ServerText = reply.Text;
    }

    public SmtpErrorKind Kind { get; }

    public SmtpStage Stage { get; }

    /// <summary>The server's reply code, or 0 when the server did not answer.</summary>
    public int Code { get; }

    public string EnhancedCode { get; }

    public string ServerText { get; }

    /// <summary>True when the server refused this message itself (its sender, recipients or content), not the session.</summary>
    public bool IsMessageRejected =>
        Kind == SmtpErrorKind.Permanent && (Stage == SmtpStage.MailFrom || Stage == SmtpStage.RcptTo || Stage == SmtpStage.Data);

    public static string StageName(SmtpStage stage)
    {
        switch (stage)
        {
            case SmtpStage.Connect: return "connect";
            case SmtpStage.Greeting: return "greeting";
            case SmtpStage.Hello: return "EHLO";
            case SmtpStage.StartTls: return "STARTTLS";
            case SmtpStage.Auth: return "AUTH";
            case SmtpStage.MailFrom: return "MAIL FROM";
            case SmtpStage.RcptTo: return "RCPT TO";
            case SmtpStage.Data: return "DATA";
            case SmtpStage.Quit: return "QUIT";
            case SmtpStage.Reset: return "RSET";
            default: return "stage " + Ascii.FromInt((int)stage);
        }
    }
}
