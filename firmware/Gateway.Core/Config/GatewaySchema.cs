using System;

namespace Gateway.Core.Config;

/// <summary>
/// The gateway's configuration keys: one row per key. A later feature adds its keys here, e.g. alert
/// rules as pattern rows (<c>rule.*.sensor</c>, <c>rule.*.above</c>, ...), one '*' standing for the rule's NAME.
/// </summary>
public static class GatewaySchema
{
    const ConfigFlags Required = ConfigFlags.Required;
    const ConfigFlags Secret = ConfigFlags.Secret;
    const ConfigFlags Optional = ConfigFlags.None;

    const int Second = 1000;
    const int Hour = 3600 * Second;

    /// <summary>Command keys shorter than this are refused: HMAC-SHA256 wants at least 128 bits of key.</summary>
    public const int MinCommandKeyBytes = 16;

    static ConfigSchema? s_instance;

    /// <summary>
    /// The table, built on first use rather than by a static initializer: nanoFramework runs every static
    /// constructor when the assembly loads, and one that runs out of memory there fails silently and
    /// leaves null behind for good.
    /// </summary>
    /// <exception cref="OutOfMemoryException">The table could not be built; nothing is kept, so the next call builds it again.</exception>
    public static ConfigSchema Instance => s_instance ?? (s_instance = Build());

    static int s_failNextBuilds;

    /// <summary>Fault injection for tests: forget the table and fail the next <paramref name="builds"/> builds as on a device whose heap is full.</summary>
    internal static void SimulateOutOfMemory(int builds)
    {
        s_instance = null;
        s_failNextBuilds = builds;
    }

    static ConfigSchema Build()
    {
        if (s_failNextBuilds > 0)
        {
            s_failNextBuilds--;
            throw new OutOfMemoryException();
        }
        return new ConfigSchema(Rows());
    }

    static ConfigKey[] Rows() => new ConfigKey[]
    {
        //             name                     kind                     default      flags     description
        new ConfigKey("device.id",              ConfigKind.Identifier,  null,        Required, "this device's name, in alert subjects, Message-IDs and signed commands"),

        new ConfigKey("smtp.host",              ConfigKind.Host,        null,        Required, "the SMTP submission server that sends alerts"),
        new ConfigKey("smtp.port",              ConfigKind.Port,        "587",       Optional, "the SMTP server's port; by smtp.tls: 587 starttls, 465 implicit, 25 none")
            .DefaultBy("smtp.tls", "implicit", "465", "none", "25"),
        new ConfigKey("smtp.tls",               ConfigKind.Tls,         "starttls",  Optional, "none, starttls or implicit"),
        new ConfigKey("smtp.user",              ConfigKind.Text,        null,        Optional, "the SMTP login name"),
        new ConfigKey("smtp.password",          ConfigKind.Text,        null,        Secret,   "the SMTP password (AUTH PLAIN or LOGIN)")
            .Requires("smtp.user").Excludes("smtp.token"),
        new ConfigKey("smtp.token",             ConfigKind.Text,        null,        Secret,   "an OAuth 2.0 bearer token for AUTH XOAUTH2, instead of a password")
            .Requires("smtp.user").Excludes("smtp.password"),
        new ConfigKey("smtp.from",              ConfigKind.Address,     null,        Required, "the sender address of alerts"),
        new ConfigKey("smtp.from-name",         ConfigKind.Text,        null,        Optional, "a display name for the From header, e.g. Boiler room gateway"),
        new ConfigKey("smtp.helo",              ConfigKind.Host,        null,        Optional, "the name given in EHLO; by default the host's name, or [its address]"),
        new ConfigKey("smtp.ca",                ConfigKind.Text,        null,        Optional, "a PEM file of CA certificates trusted besides the system's"),
        new ConfigKey("smtp.pin",               ConfigKind.Text,        null,        Optional, "the base64 SHA-256 of the server's public key (SPKI): trusted iff it matches; `gateway doctor` prints it"),
        new ConfigKey("smtp.allow-plain-auth",  ConfigKind.Bool,        "false",     Optional, "allow AUTH on a connection without TLS (test servers only)"),
        new ConfigKey("smtp.timeout",           ConfigKind.Duration,    "30s",       Optional, "limit for connecting and for each read or write")
            .Range(Second, Hour),

        new ConfigKey("alert.to",               ConfigKind.AddressList, null,        Required, "who receives alerts, addresses separated by ','"),
        new ConfigKey("alert.outbox-size",      ConfigKind.Int,         "32",        Optional, "messages the outbox holds; when full the oldest moves to failed/")
            .Range(1, 1000),
        new ConfigKey("alert.retry",            ConfigKind.Duration,    "30s",       Optional, "the first retry delay after a failed delivery; it doubles up to alert.retry-max")
            .Range(Second, Hour),
        new ConfigKey("alert.retry-max",        ConfigKind.Duration,    "1h",        Optional, "the longest delay between two delivery attempts")
            .Range(Second, 24 * Hour),

        new ConfigKey("sensor.interval",        ConfigKind.Duration,    "10s",       Optional, "time between two readings of the sensors")
            .Range(100, 24 * Hour),
        new ConfigKey("sensor.*.unit",          ConfigKind.Text,        null,        Optional, "the unit shown after readings, e.g. °C"),
        new ConfigKey("sensor.*.sim",           ConfigKind.Text,        null,        Optional, "host only, a simulated sensor: constant V | ramp FROM TO PERIOD | sine MID AMPLITUDE PERIOD | step LOW HIGH AFTER | csv FILE"),
        new ConfigKey("sensor.*.kind",          ConfigKind.Text,        null,        Optional, "device only: adc, digital or ds18b20"),
        new ConfigKey("sensor.*.pin",           ConfigKind.Int,         null,        Optional, "device only: the GPIO pin read (for ds18b20 the 1-Wire UART TX pin)")
            .Range(0, 48),
        new ConfigKey("sensor.*.rx-pin",        ConfigKind.Int,         null,        Optional, "device only, ds18b20: the 1-Wire UART RX pin, wired to the TX pin")
            .Range(0, 48),
        new ConfigKey("sensor.*.scale",         ConfigKind.Number,      null,        Optional, "device only: the reading is raw * scale + offset (adc default: volts at 3.3 V full scale)"),
        new ConfigKey("sensor.*.offset",        ConfigKind.Number,      null,        Optional, "device only: added after scale (default 0)"),

        new ConfigKey("rule.*.sensor",          ConfigKind.Identifier,  null,        Required, "the sensor this alert rule watches"),
        new ConfigKey("rule.*.above",           ConfigKind.Number,      null,        Optional, "alert when the reading rises above this value")
            .Excludes("rule.*.below"),
        new ConfigKey("rule.*.below",           ConfigKind.Number,      null,        Optional, "alert when the reading falls below this value")
            .Excludes("rule.*.above"),
        new ConfigKey("rule.*.hysteresis",      ConfigKind.Number,      null,        Optional, "how far back the reading must come before the alarm clears (default 0)"),
        new ConfigKey("rule.*.interval",        ConfigKind.Duration,    null,        Optional, "the least time between two alerts of this rule (default 10m)")
            .Range(0, 7 * 24 * Hour),
        new ConfigKey("rule.*.recovery",        ConfigKind.Bool,        null,        Optional, "mail when the reading is back to normal (default true)"),

        new ConfigKey("pop3.host",              ConfigKind.Host,        null,        Optional, "the POP3 server polled for commands; without it no commands are read")
            .Requires("pop3.user", "command.key"),
        new ConfigKey("pop3.port",              ConfigKind.Port,        "110",       Optional, "the POP3 server's port; by pop3.tls: 995 implicit, otherwise 110")
            .DefaultBy("pop3.tls", "implicit", "995").Requires("pop3.host"),
        new ConfigKey("pop3.tls",               ConfigKind.Tls,         "implicit",  Optional, "none, starttls or implicit")
            .Requires("pop3.host"),
        new ConfigKey("pop3.user",              ConfigKind.Text,        null,        Optional, "the POP3 login name")
            .Requires("pop3.host"),
        new ConfigKey("pop3.password",          ConfigKind.Text,        null,        Secret,   "the POP3 password")
            .Requires("pop3.host", "pop3.user").Excludes("pop3.token"),
        new ConfigKey("pop3.token",             ConfigKind.Text,        null,        Secret,   "an OAuth 2.0 bearer token for AUTH XOAUTH2, instead of a password")
            .Requires("pop3.host", "pop3.user").Excludes("pop3.password"),
        new ConfigKey("pop3.ca",                ConfigKind.Text,        null,        Optional, "a PEM file of CA certificates trusted besides the system's")
            .Requires("pop3.host"),
        new ConfigKey("pop3.pin",               ConfigKind.Text,        null,        Optional, "the base64 SHA-256 of the server's public key (SPKI): trusted iff it matches; `gateway doctor` prints it")
            .Requires("pop3.host"),
        new ConfigKey("pop3.interval",          ConfigKind.Duration,    "60s",       Optional, "time between two polls")
            .Range(Second, 24 * Hour).Requires("pop3.host"),
        new ConfigKey("pop3.apop",              ConfigKind.Bool,        "false",     Optional, "log in with APOP (an MD5 digest, no password sent) when the greeting offers it")
            .Requires("pop3.host"),
        new ConfigKey("pop3.allow-plain-auth",  ConfigKind.Bool,        "false",     Optional, "allow login on a connection without TLS (test servers only)")
            .Requires("pop3.host"),
        new ConfigKey("pop3.timeout",           ConfigKind.Duration,    "30s",       Optional, "limit for connecting and for each read or write")
            .Range(Second, Hour).Requires("pop3.host"),

        new ConfigKey("pop3.max-size",          ConfigKind.Int,         "65536",     Optional, "bytes; a mail larger than this is never loaded (a command mail is small)")
            .Range(1024, 10 * 1024 * 1024).Requires("pop3.host"),
        new ConfigKey("pop3.delete-other",      ConfigKind.Bool,        "false",     Optional, "delete mail that is not a command (default: leave it, and skip it from then on)")
            .Requires("pop3.host"),

        new ConfigKey("relay.*.sim",            ConfigKind.Text,        null,        Optional, "host only: a simulated relay and its state at start, on or off"),
        new ConfigKey("relay.*.pin",            ConfigKind.Int,         null,        Optional, "device only: the GPIO pin that drives the relay")
            .Range(0, 48),
        new ConfigKey("relay.*.active-low",     ConfigKind.Bool,        null,        Optional, "device only: the relay closes when the pin is low (default false)"),

        new ConfigKey("command.key",            ConfigKind.Base64,      null,        Secret,   "the shared HMAC-SHA256 key that signs commands, base64, at least 16 bytes")
            .Range(MinCommandKeyBytes, 1024),
        new ConfigKey("command.senders",        ConfigKind.AddressList, null,        Optional, "addresses commands are accepted from (the signature is still checked)"),
        new ConfigKey("command.to",             ConfigKind.Address,     null,        Optional, "the device's own address, where the operator's tools send commands"),
        new ConfigKey("command.window",         ConfigKind.Duration,    "10m",       Optional, "how far a command's timestamp may be from the device's clock")
            .Range(Second, 24 * Hour),

        new ConfigKey("net.ip",                 ConfigKind.Text,        null,        Optional, "device only: a static IPv4 address; without it DHCP"),
        new ConfigKey("net.mask",               ConfigKind.Text,        null,        Optional, "device only: the subnet mask of net.ip")
            .Requires("net.ip"),
        new ConfigKey("net.gateway",            ConfigKind.Text,        null,        Optional, "device only: the default router of net.ip")
            .Requires("net.ip"),
        new ConfigKey("net.dns",                ConfigKind.Text,        null,        Optional, "device only: DNS servers for net.ip, separated by ','")
            .Requires("net.ip"),

        new ConfigKey("store.path",             ConfigKind.Text,        null,        Optional, "host only: the folder for the outbox and the command journal"),
    };
}
