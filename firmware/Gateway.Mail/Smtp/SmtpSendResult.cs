namespace Gateway.Mail.Smtp;

/// <summary>A message the server accepted at the end of DATA, with each recipient's own answer.</summary>
public sealed class SmtpSendResult
{
    public SmtpSendResult(RecipientResult[] recipients, SmtpReply finalReply)
    {
        Recipients = recipients;
        FinalReply = finalReply;
    }

    /// <summary>Some may be refused while the message went to the others.</summary>
    public RecipientResult[] Recipients { get; }

    /// <summary>The reply to the end of data: "250 2.0.0 Ok: queued as ...".</summary>
    public SmtpReply FinalReply { get; }

    public int AcceptedCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Recipients.Length; i++)
                if (Recipients[i].Accepted) n++;
            return n;
        }
    }
}
