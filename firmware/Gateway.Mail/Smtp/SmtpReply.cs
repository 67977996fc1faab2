using Gateway.Core.Text;

namespace Gateway.Mail.Smtp;

/// <summary>One SMTP reply: the code, the enhanced status code if any (RFC 3463), and the text lines.</summary>
public sealed class SmtpReply
{
    public SmtpReply(int code, string enhancedCode, string[] lines)
    {
        Code = code;
        EnhancedCode = enhancedCode;
        Lines = lines;
    }

    public int Code { get; }

    /// <summary>"5.7.8" and the like, or "" when the server sent none.</summary>
    public string EnhancedCode { get; }

    /// <summary>The text of each line after the code and separator (an enhanced code stays in the text).</summary>
    public string[] Lines { get; }

    public bool IsPositive => Code >= 200 && Code < 400;

    public bool IsTransientFailure => Code >= 400 && Code < 500;

    public bool IsPermanentFailure => Code >= 500;

    /// <summary>All lines joined by a space, for messages.</summary>
    public string Text
    {
        get
        {
            if (Lines.Length == 1) return Lines[0];
            string s = "";
            for (int i = 0; i < Lines.Length; i++)
                s = i == 0 ? Lines[i] : s + " " + Lines[i];
            return s;
        }
    }

    /// <summary>As the server said it: "535 5.7.8 Error: authentication failed".</summary>
    public override string ToString() => Text.Length == 0 ? Ascii.FromInt(Code) : Ascii.FromInt(Code) + " " + Text;
}
