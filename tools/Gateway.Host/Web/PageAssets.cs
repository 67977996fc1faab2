using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Host.Web;

/// <summary>The page itself: plain HTML, CSS and JS compiled into the assembly (Web/Assets), no framework, nothing from elsewhere.</summary>
static class PageAssets
{
    static readonly (string Path, string Resource, string Type)[] Files =
    [
        ("/", "web/index.html", "text/html; charset=utf-8"),
        ("/app.js", "web/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "web/app.css", "text/css; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, resource, type) in Files)
        {
            var bytes = Read(resource);
            endpoints.MapGet(path, () => Results.Bytes(bytes, type));
        }
    }

    static byte[] Read(string resource)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the page's {resource} is not in the assembly (Web/Assets in Gateway.Host.csproj)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
