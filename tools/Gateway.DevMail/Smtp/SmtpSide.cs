using System.Net;
using System.Security.Authentication;
using SmtpServer;
using SmtpServer.ComponentModel;

namespace Gateway.DevMail.Smtp;

/// <summary>One run of the SmtpServer package: started, then stopped for good (a restart makes a new one).</summary>
sealed class SmtpSide
{
    readonly DevMailServer _owner;
    readonly CancellationTokenSource _stop = new();
    Task? _running;

    SmtpSide(DevMailServer owner) => _owner = owner;

    public int Port { get; private set; }
    public int? SecurePort { get; private set; }

    public static SmtpSide Start(DevMailServer owner, int port, int? securePort, DevCertificate? certificate)
    {
        var o = owner.Options;
        var builder = new SmtpServerOptionsBuilder()
            .ServerName(o.ServerName)
            .MaxMessageSize(o.MaxMessageSize, MaxMessageSizeHandling.Strict)
            .MaxAuthenticationAttempts(3)
            .MaxRetryCount(5)
            .CommandWaitTimeout(o.SmtpCommandTimeout)
            .Endpoint(e => Configure(e, o, port, secure: false, certificate));
        if (certificate != null && securePort != null)
            builder = builder.Endpoint(e => Configure(e, o, securePort.Value, secure: true, certificate));

        var policy = new SmtpPolicy(owner);
        var listeners = new BoundedListenerFactory(o.MaxConnections, owner.Connections);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add((SmtpServer.Storage.IMailboxFilter)policy);
        services.Add((SmtpServer.Authentication.IUserAuthenticator)policy);
        services.Add((SmtpServer.Storage.IMessageStore)policy);

        var server = new SmtpServer.SmtpServer(builder.Build(), services);
        server.SessionCreated += (_, e) => owner.Raise(new MailEvent(MailEventKind.SessionOpened, "SMTP", Remote: Remote(e.Context)));
        server.SessionCompleted += (_, e) => Closed(owner, e.Context, null);
        server.SessionCancelled += (_, e) => Closed(owner, e.Context, "cancelled");
        server.SessionFaulted += (_, e) => Closed(owner, e.Context, "faulted: " + e.Exception.GetType().Name);

        var side = new SmtpSide(owner);
        // The listeners bind synchronously inside StartAsync, before its first await.
        side._running = server.StartAsync(side._stop.Token);
        if (side._running.IsFaulted || listeners.PlainPort == null || (securePort != null && certificate != null && listeners.SecurePort == null))
        {
            side._stop.Cancel();
            var why = side._running.Exception?.GetBaseException().Message ?? "a listener did not start";
            throw new IOException($"SMTP cannot listen on {o.BindAddress} port {port}{(securePort != null ? " / " + securePort : "")}: {why}");
        }
        side.Port = listeners.PlainPort.Value;
        side.SecurePort = listeners.SecurePort;
        return side;
    }

    static void Configure(EndpointDefinitionBuilder e, DevMailOptions o, int port, bool secure, DevCertificate? certificate)
    {
        e.Endpoint(new IPEndPoint(o.BindAddress, port))
            .IsSecure(secure)
            .AuthenticationRequired(o.SmtpRequireAuth)
            .AllowUnsecureAuthentication(o.PlaintextAuthAllowed)
            .SessionTimeout(o.SmtpSessionTimeout)
            .SupportedSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
        if (certificate != null)
            e.Certificate(certificate.ServerCertificate);
    }

    /// <summary>Closes the listeners and every session; returns when they are gone (or after a few seconds).</summary>
    public async Task StopAsync()
    {
        _stop.Cancel();
        if (_running != null)
            await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    static void Closed(DevMailServer owner, ISessionContext context, string? detail)
    {
        var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
        owner.Raise(new MailEvent(MailEventKind.SessionClosed, "SMTP", Mailbox: user, Remote: Remote(context), Detail: detail));
    }

    static string? Remote(ISessionContext context) =>
        context.Properties.TryGetValue(SmtpServer.Net.EndpointListener.RemoteEndPointKey, out var ep) ? ep?.ToString() : null;
}
