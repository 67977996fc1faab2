using Gateway.Core.Config;
using Gateway.Core.Net;

namespace Gateway.Host.Doctor;

/// <summary>One server to examine, read from the `smtp.*`, `pop3.*` or `imap.*` keys. Secrets stay in here; nothing prints them.</summary>
public sealed class DoctorTarget
{
    public required string Protocol { get; init; } // "smtp", "pop3" or "imap"
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required TlsMode Tls { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }
    public string? CaPath { get; init; }
    public string? Pin { get; init; }
    public bool AllowPlainAuth { get; init; }

    /// <summary>pop3.apop: the POP3 client logs in with APOP when the greeting offers it, as on the device.</summary>
    public bool UseApop { get; init; }
    public string HeloName { get; init; } = "localhost";
    public int TimeoutMs { get; init; } = 30000;

    /// <summary>imap.folder: the folder the IMAP poller selects.</summary>
    public string Folder { get; init; } = "INBOX";

    /// <summary>imap.idle: the IMAP poller waits in IDLE when the server offers it.</summary>
    public bool Idle { get; init; } = true;

    public bool IsSmtp => Protocol == "smtp";

    public bool IsImap => Protocol == "imap";

    public static DoctorTarget FromConfig(GatewayConfig c, string protocol) => new()
    {
        Protocol = protocol,
        Host = c.GetString(protocol + ".host") ?? "",
        Port = c.GetInt(protocol + ".port"),
        Tls = c.GetTlsMode(protocol + ".tls"),
        User = c.GetString(protocol + ".user"),
        Password = c.GetString(protocol + ".password"),
        Token = c.GetString(protocol + ".token"),
        CaPath = c.GetString(protocol + ".ca"),
        Pin = c.GetString(protocol + ".pin"),
        AllowPlainAuth = c.GetBool(protocol + ".allow-plain-auth"),
        UseApop = protocol == "pop3" && c.GetBool("pop3.apop"),
        HeloName = protocol == "smtp" ? c.GetString("smtp.helo") ?? "localhost" : "localhost",
        TimeoutMs = c.GetDurationMs(protocol + ".timeout"),
        Folder = protocol == "imap" ? c.GetString("imap.folder") ?? "INBOX" : "INBOX",
        Idle = protocol != "imap" || c.GetBool("imap.idle"),
    };
}
