using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Host.Web;

/// <summary>/api/mailboxes and /api/messages: the mails, one opened, its raw source, its HTML made safe, deleting.</summary>
static class MessageApi
{
    /// <summary>The policy of a mail's own HTML: no script, no request anywhere, only inline styles and inline images.</summary>
    const string MailHtmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    public static void Map(IEndpointRouteBuilder api, WebContext web)
    {
        api.MapGet("/api/mailboxes", () => WithMail(web, mail =>
            Results.Json(mail.Mailboxes.Select(m => new { address = m, messages = mail.Server.Store.List(m).Count, device = m == web.DeviceAddress }), WebJson.Options)));

        api.MapGet("/api/messages", (string? mailbox) => WithMail(web, mail =>
            mailbox != null && !mail.Server.Store.Has(mailbox)
                ? Problem(404, $"no mailbox {mailbox}")
                : Results.Json(mail.List(mailbox), WebJson.Options)));

        api.MapGet("/api/messages/{id}", (string id) => WithMail(web, mail =>
            mail.Open(id) is { } detail ? Results.Json(detail, WebJson.Options) : NoMessage(id)));

        api.MapGet("/api/messages/{id}/raw", (string id) => WithMail(web, mail =>
            // text/plain with nosniff: the source is shown as text, whatever it holds.
            mail.Raw(id) is { } raw ? Results.Bytes(raw, "text/plain; charset=utf-8") : NoMessage(id)));

        api.MapGet("/api/messages/{id}/html", (string id, HttpContext http) => WithMail(web, mail =>
        {
            var detail = mail.Open(id);
            if (detail == null) return NoMessage(id);
            http.Response.Headers.ContentSecurityPolicy = MailHtmlPolicy;
            var body = detail.SafeHtml ?? "<p><i>This mail has no HTML part.</i></p>";
            return Results.Content("<!doctype html><meta charset=\"utf-8\"><body>" + body + "</body>", "text/html; charset=utf-8");
        }));

        api.MapDelete("/api/messages/{id}", (string id) => WithMail(web, mail =>
        {
            if (!mail.Delete(id)) return NoMessage(id);
            web.Events.Publish("deleted", new { id });
            return Results.Json(new { deleted = 1 }, WebJson.Options);
        }));

        api.MapDelete("/api/messages", (string? mailbox) => WithMail(web, mail =>
        {
            if (mailbox != null && !mail.Server.Store.Has(mailbox)) return Problem(404, $"no mailbox {mailbox}");
            int n = mail.DeleteAll(mailbox);
            web.Events.Publish("deleted", new { all = true, mailbox });
            return Results.Json(new { deleted = n }, WebJson.Options);
        }));
    }

    static IResult WithMail(WebContext web, Func<MailCatalog, IResult> then) =>
        web.Mail is { } mail ? then(mail) : Problem(503, "the mailbox is not up yet");

    static IResult NoMessage(string id) => Problem(404, $"no message {id} (deleted, or never here)");

    /// <summary>Every refusal of the API: a status and {"error": "what was wrong"}.</summary>
    public static IResult Problem(int status, string error) => Results.Json(new { error }, WebJson.Options, statusCode: status);
}
