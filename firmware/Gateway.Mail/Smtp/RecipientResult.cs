namespace Gateway.Mail.Smtp;

/// <summary>What the server said to one RCPT TO.</summary>
public sealed class RecipientResult
{
    public RecipientResult(string address, SmtpReply reply)
    {
        Address = address;
        Reply = reply;
    }

    public string Address { get; }

    public SmtpReply Reply { get; }

    public bool Accepted => Reply.Code == 250 || Reply.Code == 251;
}
