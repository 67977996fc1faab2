using System.Text;
using MailKit;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Gateway.Interop.Tests.Rig;

/// <summary>MailKit clients for the rig, every operation bounded in time.</summary>
public sealed class RigClients
{
    /// <summary>Per network operation (connect, command, TLS handshake).</summary>
    public const int OperationTimeoutMs = 15_000;

    /// <summary>Delivery through Postfix to the Maildir is asynchronous; this is how long a test waits for it.</summary>
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(20);

    /// <summary>Upper bound for a whole test.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    public RigClients(RigSettings rig, RigTls tls)
    {
        Rig = rig;
        Tls = tls;
    }

    public RigSettings Rig { get; }

    public RigTls Tls { get; }

    public async Task<SmtpClient> ConnectSmtpAsync(int port, SecureSocketOptions security, CancellationToken ct,
        IProtocolLogger? logger = null)
    {
        var client = logger is null ? new SmtpClient() : new SmtpClient(logger);
        client.Timeout = OperationTimeoutMs;
        client.CheckCertificateRevocation = false;
        client.ServerCertificateValidationCallback = Tls.Validate;
        client.LocalDomain = "interop.gateway.test";
        try
        {
            await client.ConnectAsync(Rig.Host, port, security, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<Pop3Client> ConnectPop3Async(int port, SecureSocketOptions security, CancellationToken ct)
    {
        var client = new Pop3Client
        {
            Timeout = OperationTimeoutMs,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = Tls.Validate,
        };
        try
        {
            await client.ConnectAsync(Rig.Host, port, security, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A message that no other test (or earlier run) can be mistaken for.</summary>
    public static TestMail NewMail(string from, string to, string testName)
    {
        var token = Guid.NewGuid().ToString("N");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"interop {testName} {token}";
        message.MessageId = $"{token}@interop.gateway.test";
        message.Body = new TextPart("plain") { Text = $"Sent by {testName}.\r\nToken: {token}\r\n" };
        return new TestMail(message, token);
    }

    /// <summary>Authenticates and submits over an already connected SMTP client; returns the server's final reply.</summary>
    public static async Task<string> SubmitAsync(SmtpClient client, string user, string password, MimeMessage message,
        CancellationToken ct)
    {
        await client.AuthenticateAsync(user, password, ct);
        var reply = await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
        return reply;
    }

    /// <summary>
    /// Logs in over POP3 until the message with <paramref name="token"/> in its Message-ID is in the
    /// maildrop (each login sees a snapshot, so every attempt is a new session), at most <see cref="DeliveryWait"/>.
    /// Finds it with TOP n 0. Returns the logged-in client and the message's index.
    /// </summary>
    public async Task<(Pop3Client Client, int Index)> WaitForMessageAsync(int port, SecureSocketOptions security,
        string user, string password, string token, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + DeliveryWait;
        var seen = new StringBuilder();
        while (true)
        {
            var client = await ConnectPop3Async(port, security, ct);
            try
            {
                await client.AuthenticateAsync(user, password, ct);
                var count = client.Count;
                seen.Clear().Append(count).Append(" message(s): ");
                for (var i = 0; i < count; i++)
                {
                    var headers = await client.GetMessageHeadersAsync(i, ct);
                    var id = headers[HeaderId.MessageId] ?? "";
                    if (id.Contains(token, StringComparison.Ordinal))
                    {
                        return (client, i);
                    }

                    seen.Append(headers[HeaderId.Subject]).Append("; ");
                }

                await client.DisconnectAsync(true, ct);
            }
            catch
            {
                client.Dispose();
                throw;
            }

            client.Dispose();
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"message {token} did not reach {user}'s maildrop within {DeliveryWait.TotalSeconds:0} s; it holds {seen}");
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>Reads (RETR) and deletes (DELE + QUIT) the message with <paramref name="token"/>; returns it.</summary>
    public async Task<MimeMessage> TakeMessageAsync(string user, string password, string token, CancellationToken ct)
    {
        var (client, index) = await WaitForMessageAsync(Rig.Pop3sPort, SecureSocketOptions.SslOnConnect, user, password,
            token, ct);
        using (client)
        {
            var message = await client.GetMessageAsync(index, ct);
            await client.DeleteMessageAsync(index, ct);
            await client.DisconnectAsync(true, ct);
            return message;
        }
    }
}

public sealed record TestMail(MimeMessage Message, string Token);
