using System;

namespace Gateway.Core.Config;

/// <summary>
/// The gateway's configuration keys: one row per key. A later feature adds its keys here, e.g. alert
/// rules as pattern rows (<c>rule.*.sensor</c>, <c>rule.*.above</c>, ...), one '*' standing for the rule's NAME.
/// </summary>
public static class GatewaySchema
{
    /// <summary>Command keys shorter than this are refused: HMAC-SHA256 wants at least 128 bits of key.</summary>
    public const int MinCommandKeyBytes = 16;

    // One row per key: name | kind | default | flags | rules | description (ConfigKey says how a row reads).
    // Literals, so on the device each row's text stays in the assembly (flash): the schema holds only the
    // array of references, and a row becomes an object only while it is read. One string per row, not one
    // for the table: nanoFramework's Substring copies the whole string to UTF-16 first. command.key's range
    // starts at MinCommandKeyBytes (a test holds them equal).
    static string[] Rows() => new string[]
    {
        "device.id             | identifier   |          | required operator        |                                                     | this device's name, in alert subjects, Message-IDs and signed commands",

        "smtp.host             | host         |          | required operator        |                                                     | the SMTP submission server that sends alerts",
        "smtp.port             | port         | 587      | operator                 | default-by=smtp.tls:implicit=465,none=25            | the SMTP server's port; by smtp.tls: 587 starttls, 465 implicit, 25 none",
        "smtp.tls              | tls          | starttls | operator                 |                                                     | none, starttls or implicit",
        "smtp.user             | text         |          | operator                 |                                                     | the SMTP login name",
        "smtp.password         | text         |          | secret operator          | requires=smtp.user excludes=smtp.token              | the SMTP password (AUTH PLAIN or LOGIN)",
        "smtp.token            | text         |          | secret operator          | requires=smtp.user excludes=smtp.password           | an OAuth 2.0 bearer token for AUTH XOAUTH2, instead of a password",
        "smtp.from             | address      |          | required operator        |                                                     | the sender address of alerts",
        "smtp.from-name        | text         |          | operator                 |                                                     | a display name for the From header, e.g. Boiler room gateway",
        "smtp.helo             | host         |          | operator                 |                                                     | the name given in EHLO; by default the host's name, or [its address]",
        "smtp.ca               | text         |          | operator                 |                                                     | a PEM file of CA certificates trusted besides the system's",
        "smtp.pin              | text         |          | operator                 |                                                     | the base64 SHA-256 of the server's public key (SPKI): trusted iff it matches; `gateway doctor` prints it",
        "smtp.allow-plain-auth | bool         | false    | operator                 |                                                     | allow AUTH on a connection without TLS (test servers only)",
        "smtp.timeout          | duration     | 30s      | operator                 | range=1s..1h                                        | limit for connecting and for each read or write",

        "alert.to              | address-list |          | required                 |                                                     | who receives alerts, addresses separated by ','",
        "alert.outbox-size     | int          | 32       |                          | range=1..1000                                       | messages the outbox holds; when full the oldest moves to failed/",
        "alert.retry           | duration     | 30s      |                          | range=1s..1h                                        | the first retry delay after a failed delivery; it doubles up to alert.retry-max",
        "alert.retry-max       | duration     | 1h       |                          | range=1s..24h                                       | the longest delay between two delivery attempts",

        "sensor.interval       | duration     | 10s      |                          | range=100ms..24h                                    | time between two readings of the sensors",
        "sensor.*.unit         | text         |          |                          |                                                     | the unit shown after readings, e.g. °C",
        "sensor.*.sim          | text         |          |                          |                                                     | host only, a simulated sensor: constant V | ramp FROM TO PERIOD | sine MID AMPLITUDE PERIOD | step LOW HIGH AFTER | csv FILE",
        "sensor.*.kind         | text         |          |                          |                                                     | device only: adc, digital or ds18b20",
        "sensor.*.pin          | int          |          |                          | range=0..54                                         | device only: the GPIO pin read (for ds18b20 the 1-Wire UART TX pin)",
        "sensor.*.rx-pin       | int          |          |                          | range=0..54                                         | device only, ds18b20: the 1-Wire UART RX pin, wired to the TX pin",
        "sensor.*.scale        | number       |          |                          |                                                     | device only: the reading is raw * scale + offset (adc default: volts at 3.3 V full scale)",
        "sensor.*.offset       | number       |          |                          |                                                     | device only: added after scale (default 0)",

        "rule.*.sensor         | identifier   |          | required                 |                                                     | the sensor this alert rule watches",
        "rule.*.above          | number       |          |                          | excludes=rule.*.below                               | alert when the reading rises above this value",
        "rule.*.below          | number       |          |                          | excludes=rule.*.above                               | alert when the reading falls below this value",
        "rule.*.hysteresis     | number       |          |                          |                                                     | how far back the reading must come before the alarm clears (default 0)",
        "rule.*.interval       | duration     |          |                          | range=0ms..168h                                     | the least time between two alerts of this rule (default 10m)",
        "rule.*.recovery       | bool         |          |                          |                                                     | mail when the reading is back to normal (default true)",

        "pop3.host             | host         |          | operator                 | requires=pop3.user,command.key                      | the POP3 server polled for commands; without it no commands are read",
        "pop3.port             | port         | 110      | operator                 | default-by=pop3.tls:implicit=995 requires=pop3.host | the POP3 server's port; by pop3.tls: 995 implicit, otherwise 110",
        "pop3.tls              | tls          | implicit | operator                 | requires=pop3.host                                  | none, starttls or implicit",
        "pop3.user             | text         |          | operator                 | requires=pop3.host                                  | the POP3 login name",
        "pop3.password         | text         |          | secret operator          | requires=pop3.host,pop3.user excludes=pop3.token    | the POP3 password",
        "pop3.token            | text         |          | secret operator          | requires=pop3.host,pop3.user excludes=pop3.password | an OAuth 2.0 bearer token for AUTH XOAUTH2, instead of a password",
        "pop3.ca               | text         |          | operator                 | requires=pop3.host                                  | a PEM file of CA certificates trusted besides the system's",
        "pop3.pin              | text         |          | operator                 | requires=pop3.host                                  | the base64 SHA-256 of the server's public key (SPKI): trusted iff it matches; `gateway doctor` prints it",
        "pop3.interval         | duration     | 60s      | operator                 | range=1s..24h requires=pop3.host                    | time between two polls",
        "pop3.apop             | bool         | false    | operator                 | requires=pop3.host                                  | log in with APOP (an MD5 digest, no password sent) when the greeting offers it",
        "pop3.allow-plain-auth | bool         | false    | operator                 | requires=pop3.host                                  | allow login on a connection without TLS (test servers only)",
        "pop3.timeout          | duration     | 30s      | operator                 | range=1s..1h requires=pop3.host                     | limit for connecting and for each read or write",
        "pop3.max-size         | int          | 65536    | operator                 | range=1024..10485760 requires=pop3.host             | bytes; a mail larger than this is never loaded (a command mail is small)",
        "pop3.delete-other     | bool         | false    | operator                 | requires=pop3.host                                  | delete mail that is not a command (default: leave it, and skip it from then on)",

        "relay.*.sim           | text         |          |                          |                                                     | host only: a simulated relay and its state at start, on or off",
        "relay.*.pin           | int          |          |                          | range=0..54                                         | device only: the GPIO pin that drives the relay",
        "relay.*.active-low    | bool         |          |                          |                                                     | device only: the relay closes when the pin is low (default false)",

        "imap.host             | host         |          |                          | requires=imap.user,command.key excludes=pop3.host   | the IMAP server whose folder is watched for commands (IDLE: run at once); a device reads commands by IMAP or POP3, not both",
        "imap.port             | port         | 143      |                          | default-by=imap.tls:implicit=993 requires=imap.host | the IMAP server's port; by imap.tls: 993 implicit, otherwise 143",
        "imap.tls              | tls          | implicit |                          | requires=imap.host                                  | none, starttls or implicit",
        "imap.user             | text         |          |                          | requires=imap.host                                  | the IMAP login name",
        "imap.password         | text         |          | secret                   | requires=imap.host,imap.user excludes=imap.token    | the IMAP password",
        "imap.token            | text         |          | secret                   | requires=imap.host,imap.user excludes=imap.password | an OAuth 2.0 bearer token for AUTHENTICATE XOAUTH2, instead of a password",
        "imap.ca               | text         |          |                          | requires=imap.host                                  | a PEM file of CA certificates trusted besides the system's",
        "imap.pin              | text         |          |                          | requires=imap.host                                  | the base64 SHA-256 of the server's public key (SPKI): trusted iff it matches; `gateway doctor` prints it",
        "imap.folder           | text         | INBOX    |                          | requires=imap.host                                  | the folder watched for command mail",
        "imap.idle             | bool         | true     |                          | requires=imap.host                                  | wait for mail with IDLE when the server offers it; otherwise poll every imap.interval",
        "imap.keepalive        | duration     | 5m       |                          | range=10s..29m requires=imap.host                   | an IDLE is ended and begun again this often: a dead connection shows within it (RFC 2177: under 29 minutes)",
        "imap.interval         | duration     | 60s      |                          | range=1s..24h requires=imap.host                    | time between two searches for new mail (without IDLE, or as a safety net with it)",
        "imap.timeout          | duration     | 30s      |                          | range=1s..1h requires=imap.host                     | limit for connecting and for the answer to each command, DONE included",
        "imap.max-size         | int          | 65536    |                          | range=1024..10485760 requires=imap.host             | bytes; a mail larger than this is never loaded (a command mail is small)",
        "imap.delete-other     | bool         | false    |                          | requires=imap.host                                  | delete mail that is not a command (default: leave it, and skip it from then on)",
        "imap.allow-plain-auth | bool         | false    |                          | requires=imap.host                                  | allow login on a connection without TLS (test servers only)",

        "command.key           | base64       |          | secret operator-required | range=16..1024                                      | the shared HMAC-SHA256 key that signs commands, base64, at least 16 bytes",
        "command.senders       | address-list |          |                          |                                                     | addresses commands are accepted from (the signature is still checked)",
        "command.to            | address      |          | operator-required        |                                                     | the device's own address, where the operator's tools send commands",
        "command.window        | duration     | 10m      |                          | range=1s..24h                                       | how far a command's timestamp may be from the device's clock",

        "net.ip                | text         |          |                          |                                                     | device only: a static IPv4 address; without it DHCP",
        "net.mask              | text         |          |                          | requires=net.ip                                     | device only: the subnet mask of net.ip",
        "net.gateway           | text         |          |                          | requires=net.ip                                     | device only: the default router of net.ip",
        "net.dns               | text         |          |                          | requires=net.ip                                     | device only: DNS servers for net.ip, separated by ','",

        "store.path            | text         |          |                          |                                                     | host only: the folder for the outbox and the command journal",

        "role                  | role         | device   | operator                 |                                                     | whose configuration this is: device (the gateway) or operator (the tools that sign commands and mail them to the device)",
    };

    static ConfigSchema? s_instance;

    /// <summary>
    /// The schema over <see cref="Rows"/>, checked once on first use (rows well-formed, rules naming keys
    /// it has) rather than by a static initializer: nanoFramework runs every static constructor when the
    /// assembly loads, and one that runs out of memory there fails silently and leaves null behind.
    /// </summary>
    /// <exception cref="OutOfMemoryException">The check could not run; nothing is kept, so the next call tries again.</exception>
    public static ConfigSchema Instance => s_instance ?? (s_instance = Build());

    static int s_failNextBuilds;

    /// <summary>Fault injection for tests: forget the schema and fail the next <paramref name="builds"/> builds as on a device whose heap is full.</summary>
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
}
