namespace Gateway.App.Diagnostics;

/// <summary>
/// The failures people hit most with embedded mail, each a row of the one advice table
/// (<see cref="MailAdvice"/>): found from typed errors (stage, reply and enhanced code, channel error,
/// POP3 or IMAP response code), never from message text.
/// </summary>
public enum MailProblem
{
    None = 0,
    UnsetClock,
    ClockOff,
    HostNotFound,
    ConnectFailed,
    NoGreeting,
    NoAnswer,
    CertificateRejected,
    TlsFailed,
    NoStartTls,
    TlsRequired,
    LoginRefused,
    BasicAuthDisabled,
    NotRelayed,
    TooManyConnections,
    Pop3LoginRefused,
    Pop3InUse,
    Pop3LoginDelay,
    Pop3SysTemp,
    Pop3SysPerm,
    NoStls,
    NoImapStartTls,
}
