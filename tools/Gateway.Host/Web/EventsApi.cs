using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Web;

/// <summary>/api/events: the live feed as server-sent events ("mail", "deleted", "timeline", "capture").</summary>
static class EventsApi
{
    /// <summary>A comment line this often keeps proxies and the browser from closing an idle stream.</summary>
    static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder api, WebContext web)
    {
        api.MapGet("/api/events", async (HttpContext http) =>
        {
            var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var (reader, handle) = web.Events.Subscribe();
            using (handle)
            {
                try
                {
                    await http.Response.WriteAsync(": live\n\n", done.Token);
                    await http.Response.Body.FlushAsync(done.Token);
                    while (!done.IsCancellationRequested)
                    {
                        using var tick = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                        tick.CancelAfter(KeepAlive);
                        bool more;
                        try
                        {
                            more = await reader.WaitToReadAsync(tick.Token);
                        }
                        catch (OperationCanceledException) when (!done.IsCancellationRequested)
                        {
                            await http.Response.WriteAsync(": keep-alive\n\n", done.Token);
                            await http.Response.Body.FlushAsync(done.Token);
                            continue;
                        }
                        if (!more) break;
                        while (reader.TryRead(out var block))
                            await http.Response.WriteAsync(block, done.Token);
                        await http.Response.Body.FlushAsync(done.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    // the browser went away or the page is stopping
                }
            }
        });
    }
}
