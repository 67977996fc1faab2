using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Gateway.DevMail.Tests;

/// <summary>A started mailbox in a fresh temporary folder, with clients that trust its CA.</summary>
sealed class TestMailbox : IAsyncDisposable
{
    public const string Device = "device@gateway.local";
    public const string DevicePassword = "device-pass";
    public const string Ops = "ops@gateway.local";
    public const string OpsPassword = "ops-pass";

    public readonly List<MailEvent> Events = [];

    TestMailbox(DevMailServer server, string directory)
    {
        Server = server;
        Directory = directory;
        server.Event += e => { lock (Events) Events.Add(e); };
    }

    public DevMailServer Server { get; }
    public string Directory { get; }

    public static async Task<TestMailbox> StartAsync(bool tls = true, string? directory = null, Action<DevMailOptions>? configure = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "devmail-test-" + Guid.NewGuid().ToString("N"));
        var options = NewOptions(directory, tls);
        configure?.Invoke(options);
        var server = new DevMailServer(options);
        var mailbox = new TestMailbox(server, directory);
        await server.StartAsync();
        return mailbox;
    }

    public static DevMailOptions NewOptions(string directory, bool tls) => new()
    {
        Directory = directory,
        Tls = tls,
        Pop3sPort = tls ? 0 : null,
        Users = [new MailUser(Device, DevicePassword), new MailUser(Ops, OpsPassword)],
        AuthFailureDelay = TimeSpan.Zero,
        Pop3IdleTimeout = TimeSpan.FromSeconds(30),
    };

    public MailEvent[] EventsOf(MailEventKind kind)
    {
        lock (Events) return Events.Where(e => e.Kind == kind).ToArray();
    }

    /// <summary>Accepts exactly the server's certificate chain to our CA, with the right name.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Server.Certificate!.CaCertificate);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }

    public SmtpClient Smtp(SecureSocketOptions security = SecureSocketOptions.StartTls, string user = Device, string password = DevicePassword)
    {
        var client = new SmtpClient { ServerCertificateValidationCallback = Validate, Timeout = 15_000 };
        client.Connect("localhost", Server.SmtpPort, security);
        client.Authenticate(user, password);
        return client;
    }

    public Pop3Client Pop3(SecureSocketOptions security = SecureSocketOptions.StartTls, string user = Device, string password = DevicePassword, bool userPass = false)
    {
        var client = new Pop3Client { ServerCertificateValidationCallback = Validate, Timeout = 15_000 };
        var port = security == SecureSocketOptions.SslOnConnect ? Server.Pop3sPort!.Value : Server.Pop3Port;
        client.Connect("localhost", port, security);
        if (userPass) client.AuthenticationMechanisms.Clear(); // leaves USER/PASS
        client.Authenticate(user, password);
        return client;
    }

    public static MimeMessage Message(string to, string subject, string body, string from = Ops)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = Guid.NewGuid().ToString("N") + "@test.gateway.local";
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>Submits one message as ops (STARTTLS + AUTH) and returns its Message-ID.</summary>
    public string Submit(string to, string subject, string body)
    {
        var message = Message(to, subject, body);
        using var client = Smtp(Server.Options.Tls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, Ops, OpsPassword);
        client.Send(message);
        client.Disconnect(true);
        return message.MessageId!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
