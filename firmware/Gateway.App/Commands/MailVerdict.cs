namespace Gateway.App.Commands;

/// <summary>What the poller did with one mail.</summary>
public enum MailVerdict
{
    /// <summary>Signed, checked, its commands ran (each line's own result is in the reply).</summary>
    Executed = 1,

    /// <summary>A command mail whose signature, device, time or nonce did not pass; answered with the reason.</summary>
    Rejected = 2,

    /// <summary>Not a command mail (size, sender, tag, auto-reply): not loaded, not answered.</summary>
    Skipped = 3,

    /// <summary>Could not be handled this time (the journal could not be written): tried again next poll.</summary>
    Deferred = 4,
}
