namespace Gateway.Mail.Pop3;

/// <summary>Where in the session a failure happened.</summary>
public enum Pop3Stage
{
    Connect = 1,
    Greeting = 2,
    Capa = 3,
    Stls = 4,
    Auth = 5,
    Stat = 6,
    Uidl = 7,
    List = 8,
    Top = 9,
    Retr = 10,
    Dele = 11,
    Rset = 12,
    Noop = 13,
    Quit = 14,
}
