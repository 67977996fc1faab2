using System;

namespace Gateway.MemoryProbe;

/// <summary>
/// The operator's mail in the probe's mailbox: one command ("status") for device demo-01, signed
/// with config/mailrig.conf's command.key at <see cref="SignedAt"/> (made once with
/// CommandSigner, which is host-only; the probe's run on .NET checks it still verifies).
/// </summary>
public static class CommandMail
{
    public static DateTime SignedAt => new DateTime(2026, 11, 27, 8, 0, 0);

    public const string Headers =
        "From: ops@gateway.test\r\n" +
        "To: device@gateway.test\r\n" +
        "Subject: demo-01 status\r\n" +
        "Message-ID: <probe-1@gateway.test>\r\n" +
        "Date: Fri, 27 Nov 2026 08:00:00 +0000\r\n" +
        "Content-Type: text/plain; charset=us-ascii\r\n";

    public const string Body =
        "gateway-auth: v1 device=demo-01 ts=2026-11-27T08:00:00Z nonce=UFFSU1RVVldYWVpbXF1eXw n=1 mac=vjax4nHSpmiEQFLe+q37xK8yWv8tfzJZTollTJP38mU=\r\n" +
        "status\r\n";
}
