using Gateway.FrameDebugger.Capture;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using static Gateway.Host.Web.MessageApi;

namespace Gateway.Host.Web;

/// <summary>/api/frames: open a capture (the body of a POST is the file), its frames, its dialogue, one frame explained and drawn.</summary>
static class FrameApi
{
    public static void Map(IEndpointRouteBuilder api, WebContext web)
    {
        api.MapGet("/api/frames", () => Results.Json(web.Captures.Files.Select(f => new { id = f.Id, name = f.Name }), WebJson.Options));

        api.MapPost("/api/frames", async (HttpContext http, string? name) =>
        {
            var bytes = await ReadLimited(http, web.UploadLimit);
            if (bytes == null)
                return Problem(413, $"the capture is larger than the upload limit of {web.UploadLimit / (1024 * 1024)} MB; cut it first (e.g. editcap -r FILE OUT 1-1000)");
            if (bytes.Length == 0) return Problem(400, "the upload is empty: send a pcap or pcapng file as the request body");
            try
            {
                var file = web.Captures.AddUpload(name ?? "upload", bytes);
                return Results.Json(new { id = file.Id, name = file.Name, bytes = bytes.Length }, WebJson.Options);
            }
            catch (CaptureFormatException e)
            {
                return Problem(400, $"{name ?? "the upload"} is not a capture: {e.Message}");
            }
        });

        api.MapGet("/api/frames/{capture}", (string capture) => With(web, capture, file => Results.Json(FrameViews.Frames(file), WebJson.Options)));

        api.MapGet("/api/frames/{capture}/dialogue", (string capture) => With(web, capture, file => Results.Json(FrameViews.Dialogue(file), WebJson.Options)));

        api.MapGet("/api/frames/{capture}/{frame:int}", (string capture, int frame) => With(web, capture, file =>
            FrameViews.Explain(file, frame) is { } explained ? Results.Json(explained, WebJson.Options) : Problem(404, $"no frame {frame} in {file.Name}")));

        api.MapGet("/api/frames/{capture}/{frame:int}/svg", (string capture, int frame) => With(web, capture, file =>
            FrameViews.Svg(file, frame) is { } svg ? Results.Content(svg, "image/svg+xml; charset=utf-8") : Problem(404, $"no frame {frame} in {file.Name}")));
    }

    static IResult With(WebContext web, string id, Func<CaptureFile, IResult> then)
    {
        var file = web.Captures.Find(id);
        if (file == null) return Problem(404, $"no capture {id}: upload one with POST /api/frames");
        try
        {
            return then(file);
        }
        catch (CaptureFormatException e)
        {
            return Problem(422, $"{file.Name}: {e.Message}");
        }
    }

    /// <summary>The request body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    static async Task<byte[]?> ReadLimited(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit) return null;
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + n > limit) return null;
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }
}
