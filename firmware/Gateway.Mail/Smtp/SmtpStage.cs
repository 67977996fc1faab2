namespace Gateway.Mail.Smtp;

/// <summary>Where in the session a failure happened.</summary>
public enum SmtpStage
{
    Connect = 1,
    Greeting = 2,
    Hello = 3,
    StartTls = 4,
    Auth = 5,
    MailFrom = 6,
    RcptTo = 7,
    Data = 8,
    Quit = 9,
    Reset = 10,
}
