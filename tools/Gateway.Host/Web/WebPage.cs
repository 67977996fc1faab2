using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Web;

/// <summary>
/// The web page of `gateway mailbox --web` and `gateway demo --web`: Kestrel serving the page and its
/// JSON API (docs/web.md) over a <see cref="WebContext"/>. <see cref="StartAsync"/> listens;
/// <see cref="Pipeline"/> is the same app for an in-memory test server.
/// </summary>
public sealed class WebPage : IAsyncDisposable
{
    /// <summary>The page's own policy: its script and style only, frames only from itself (a mail's HTML), nothing elsewhere.</summary>
    const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

    readonly WebApplication _app;

    WebPage(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the page is, e.g. http://127.0.0.1:8025/ (the port really bound when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening on <paramref name="endpoint"/>.</summary>
    /// <exception cref="ArgumentException">A non-loopback address without a password.</exception>
    /// <exception cref="IOException">The port cannot be bound (the message names it).</exception>
    public static async Task<WebPage> StartAsync(IPEndPoint endpoint, WebContext web, string? password)
    {
        if (!WebAddress.IsLocal(endpoint) && string.IsNullOrEmpty(password))
            throw new ArgumentException($"refusing to serve the page on {endpoint}: anyone who reaches it could read the mail and send commands; give --web-password, or listen on 127.0.0.1");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.Limits.MaxRequestBodySize = web.UploadLimit + 1;
        });
        var app = builder.Build();
        Pipeline(app, web, password);
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync();
            throw new IOException($"the page cannot listen on {endpoint}: {e.Message}", e);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebPage(app, new Uri(bound.Replace("[::]", "localhost") + "/"));
    }

    /// <summary>The whole app on <paramref name="app"/>: security headers, the password, the page, the API.</summary>
    public static void Pipeline(IApplicationBuilder app, WebContext web, string? password)
    {
        app.Use(async (http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/api/messages")) http.Response.Headers.ContentSecurityPolicy = PagePolicy;
            else http.Response.Headers.XFrameOptions = "SAMEORIGIN";
            await next();
        });
        if (!string.IsNullOrEmpty(password))
        {
            var gate = new PasswordGate(password);
            app.Use((http, next) => gate.Invoke(http, () => next()));
        }
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            PageAssets.Map(endpoints);
            MessageApi.Map(endpoints, web);
            DeviceApi.Map(endpoints, web);
            FrameApi.Map(endpoints, web);
            EventsApi.Map(endpoints, web);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
