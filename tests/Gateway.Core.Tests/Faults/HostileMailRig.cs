using System.Text;
using Gateway.App.Commands;
using Gateway.App;
using Gateway.Core.Config;
using Gateway.Core.Platform;
using Gateway.Core.Tests.Support;
using MimeKit;

namespace Gateway.Core.Tests.Faults;

/// <summary>
/// The whole command path for hostile mail (issue 8), nothing mocked but the servers: a real
/// <see cref="GatewayApp"/> polls <see cref="FakePop3Server"/> through the real POP3 client, MIME reader,
/// verifier, executor and nonce journal (in a <see cref="MemoryStore"/>), moves a counted relay, and
/// sends its reply through the real outbox and SMTP client to <see cref="FakeSmtpServer"/>, where
/// MimeKit reads it as a mail program would.
/// </summary>
sealed class HostileMailRig
{
    public const string Operator = "ops@gateway.test";
    public const string Evil = "evil@evil.test";

    /// <summary>Every header of a reply with In-Reply-To, in the composer's order.</summary>
    public static readonly string[] ReplyHeaders =
    [
        "Date", "From", "To", "Subject", "Message-ID", "In-Reply-To", "References", "Auto-Submitted",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    ];

    /// <summary>The headers of a reply to a mail whose Message-ID could not be used.</summary>
    public static readonly string[] ReplyHeadersWithoutThread = ReplyHeaders.Where(h => h != "In-Reply-To" && h != "References").ToArray();

    public readonly ManualClock Clock = new(CommandKit.T0);
    public readonly MemoryStore Store = new();
    public readonly FakePop3Server Pop3 = new();
    public readonly FakeSmtpServer Smtp = new();
    public readonly Relay Relay = new("relay1");
    public readonly ListLog Log = new();

    /// <summary>A gateway over this rig's store: call again for a restart (same store, new objects).</summary>
    public GatewayApp App(int maxSize = 65536, bool senders = true, bool deleteOther = false, ISensor? sensor = null)
    {
        var text = $"""
            device.id = {CommandKit.Device}
            smtp.host = fake
            smtp.tls = none
            smtp.from = boiler@gateway.test
            alert.to = {Operator}
            pop3.host = fake
            pop3.tls = implicit
            pop3.user = boiler@gateway.test
            pop3.password = pop-secret-pw
            pop3.max-size = {maxSize}
            pop3.delete-other = {(deleteOther ? "true" : "false")}
            command.key = {Convert.ToBase64String(CommandKit.Key)}
            {(senders ? "command.senders = " + Operator : "")}
            sensor.interval = 10s
            rule.hot.sensor = temp
            rule.hot.above = 30
            """;
        var parsed = GatewayConfig.Parse(text);
        Assert.True(parsed.IsValid, parsed.ToString());
        return new GatewayApp(parsed.Config!, Smtp, Pop3, Store, Clock, Log, sensor == null ? [] : [sensor], [Relay], new Random(3), "boiler.local");
    }

    /// <summary>The relay's moves so far.</summary>
    public int Moves => Relay.Calls.Count;

    /// <summary>A signed "relay relay1 on" for this device, nonce seed <paramref name="nonce"/>.</summary>
    public static string SignedOn(int nonce = 1) => CommandKit.Sign(CommandKit.T0, nonce, "relay relay1 on");

    /// <summary>A command mail; <paramref name="headers"/> replaces the default header lines (LF line ends).</summary>
    public static string CommandMail(string body, string? headers = null) =>
        (headers ?? $"From: Operator <{Operator}>\nSubject: [boiler] commands\nMessage-ID: <op-1@ops.test>\n")
        + "To: boiler@gateway.test\nContent-Type: text/plain; charset=utf-8\n\n" + body;

    /// <summary>
    /// A command mail as bytes on the wire: <paramref name="headers"/> exactly as given (write CRLF where a
    /// line ends; a bare CR, LF or NUL stays what it is; chars up to U+00FF are single bytes, so "\xFF" is
    /// the invalid UTF-8 byte 0xFF), then the usual To and Content-Type, a blank line and the body.
    /// </summary>
    public static byte[] RawMail(string headers, string body, string contentHeaders = "Content-Type: text/plain; charset=utf-8\r\n") =>
        Encoding.Latin1.GetBytes(headers + "To: boiler@gateway.test\r\n" + contentHeaders + "\r\n"
            + body.Replace("\r\n", "\n").Replace("\n", "\r\n"));

    /// <summary>One poll that looked at exactly one new mail; the log is checked for secrets.</summary>
    public MailOutcome PollOne(GatewayApp app)
    {
        var report = app.Poll()!;
        CommandKit.AssertNoSecret(string.Join("\n", Log.Lines));
        return Assert.Single(report.Outcomes);
    }

    /// <summary>Delivers the outbox and returns what the SMTP server accepted, each read by MimeKit.</summary>
    public MimeMessage[] Sent(GatewayApp app)
    {
        app.Deliver();
        Assert.Equal(0, app.Outbox.Count); // nothing refused by the composer or the server
        foreach (var raw in Smtp.Accepted)
        {
            CommandKit.AssertNoSecret(raw);
            AssertCleanHeaderBlock(raw);
        }
        return Smtp.Accepted.Select(Parse).ToArray();
    }

    /// <summary>The one reply delivered, read by MimeKit, addressed to the operator alone.</summary>
    public MimeMessage Reply(GatewayApp app)
    {
        var reply = Assert.Single(Sent(app));
        Assert.Equal([Operator], reply.To.Mailboxes.Select(m => m.Address));
        return reply;
    }

    /// <summary>
    /// A decoded header text as MimeKit gives it back: it drops the CR and LF that an encoded word
    /// carried (RFC 2047 words are unfolded after decoding), so that is how a mail program shows them.
    /// </summary>
    public static string Unfolded(string text) => text.Replace("\r", "").Replace("\n", "");

    public static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

    /// <summary>
    /// The header names in order, exactly: no header was added by a value we put in one. (MimeKit keeps
    /// the Content-* headers with the body entity: they are read from there.)
    /// </summary>
    public static void AssertHeaders(MimeMessage m, string[] expected) =>
        Assert.Equal(expected, m.Headers.Concat(m.Body!.Headers).Select(h => h.Field).ToArray());

    /// <summary>
    /// Every line of the raw header block is a header we write or a fold, at most 998 octets, with no
    /// CR, LF or NUL of its own: the bytes on the wire, not only MimeKit's reading of them.
    /// </summary>
    static void AssertCleanHeaderBlock(string raw)
    {
        int end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0);
        foreach (var line in raw[..end].Split("\r\n"))
        {
            Assert.True(line.Length <= 998, $"header line of {line.Length} chars");
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\0', line);
            Assert.True(line.StartsWith(' ') || line.StartsWith('\t') || ReplyHeaders.Any(h => line.StartsWith(h + ": ", StringComparison.Ordinal)),
                $"unexpected header line: {line}");
        }
    }
}
