using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Config;
using Gateway.Core.Net;
using Gateway.DevMail;
using Gateway.Host.Net;
using Gateway.Host.Operator;
using Gateway.Host.Web;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Tests.Web;

/// <summary>
/// A real local mailbox (no TLS, loopback) with the page's context attached: device@ and ops@, and an
/// operator configuration whose key signs the page's commands. Mail goes in through the gateway's own SMTP client.
/// </summary>
sealed class WebMailbox : IAsyncDisposable
{
    public const string Device = "device@gateway.local";
    public const string Ops = "ops@gateway.local";
    public const string DeviceId = "web-01";

    WebMailbox(DevMailServer server, WebContext web, GatewayConfig operatorConfig, string opsPassword, string key)
    {
        (Server, Web, OperatorConfig, OpsPassword, Key) = (server, web, operatorConfig, opsPassword, key);
    }

    public DevMailServer Server { get; }
    public WebContext Web { get; }
    public GatewayConfig OperatorConfig { get; }
    public string OpsPassword { get; }

    /// <summary>The operator's command key (base64): it must never reach a page, a response or a mail.</summary>
    public string Key { get; }

    public static async Task<WebMailbox> StartAsync(bool withOperator = true, long uploadLimit = WebContext.DefaultUploadLimit)
    {
        var dir = Directory.CreateTempSubdirectory("gateway-web-mail-").FullName;
        var opsPassword = MailUser.GeneratePassword();
        var server = new DevMailServer(new DevMailOptions
        {
            Directory = dir,
            Users = [new MailUser(Device, MailUser.GeneratePassword()), new MailUser(Ops, opsPassword)],
            AuthFailureDelay = TimeSpan.Zero,
        });
        await server.StartAsync();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var config = GatewayConfig.Parse($"""
            role = operator
            device.id = {DeviceId}
            smtp.host = 127.0.0.1
            smtp.port = {server.SmtpPort}
            smtp.tls = none
            smtp.allow-plain-auth = true
            smtp.user = {Ops}
            smtp.password = {opsPassword}
            smtp.from = {Ops}
            command.key = {key}
            command.to = {Device}
            """);
        Assert.True(config.IsValid, config.ToString());
        var web = new WebContext { UploadLimit = uploadLimit };
        web.AttachMailbox(server, Device);
        if (withOperator) web.AttachOperator(OperatorMail.Create(config.Config!, out _));
        return new WebMailbox(server, web, config.Config!, opsPassword, key);
    }

    /// <summary>Sends <paramref name="message"/> (a whole RFC 5322 message, CRLF) from ops@ to <paramref name="to"/> with the gateway's SMTP client.</summary>
    public void Send(string to, string message)
    {
        var client = new SmtpClient(new SocketConnector(new TlsTrust(null)), SmtpSettings.FromConfig(OperatorConfig, "test.gateway.local"));
        client.Connect();
        var bytes = Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n"));
        client.Send(Ops, [to], bytes, 0, bytes.Length, false);
        client.Quit();
    }

    public static string PlainMail(string subject, string body, string to = Ops) => $"""
        From: Someone <{Ops}>
        To: {to}
        Subject: {subject}
        Date: Fri, 04 Dec 2026 21:00:00 +0000
        Message-ID: <{Guid.NewGuid():N}@test.gateway.local>
        Content-Type: text/plain; charset=utf-8

        {body}

        """;

    /// <summary>Waits until the store holds a mail whose subject contains <paramref name="subject"/>.</summary>
    public async Task<MailSummary> WaitForMail(string subject, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            var found = Web.Mail!.List().FirstOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));
            if (found != null) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no mail with subject '{subject}' arrived");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(Server.Store.Directory, recursive: true); } catch (IOException) { }
    }
}
