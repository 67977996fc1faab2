namespace Gateway.DevMail;

/// <summary>What happened in the mailbox, for the demo's timeline.</summary>
public enum MailEventKind
{
    SessionOpened,
    SessionClosed,
    /// <summary>A login was refused (the password itself is never reported).</summary>
    LoginFailed,
    /// <summary>SMTP accepted a message and it is on disk in <see cref="MailEvent.Mailbox"/>.</summary>
    MessageStored,
    /// <summary>A recipient was refused: unknown mailbox or relay to a foreign domain.</summary>
    RecipientRefused,
    /// <summary>POP3 RETR sent a message.</summary>
    MessageRetrieved,
    /// <summary>POP3 QUIT removed a message marked with DELE.</summary>
    MessageDeleted,
    ServerStarted,
    ServerStopped,
}
