using Gateway.Mail.Smtp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Gateway.Host.Web.MessageApi;

namespace Gateway.Host.Web;

/// <summary>/api/device: the timeline, and signing and sending commands with the operator's key (which never leaves the server).</summary>
static class DeviceApi
{
    /// <summary>The most text the form may send; a command mail is a few short lines.</summary>
    const int MaxCommandText = 4096;

    public sealed record CommandRequest(string? Commands, string? Subject);

    public static void Map(IEndpointRouteBuilder api, WebContext web)
    {
        api.MapGet("/api/device", () => Results.Json(new
        {
            device = web.Operator?.DeviceId,
            address = web.DeviceAddress,
            operatorAddress = web.Operator?.From,
            commandsTo = web.Operator?.To,
            canSend = web.Operator != null,
            why = web.Operator == null ? web.OperatorMissing : null,
        }, WebJson.Options));

        api.MapGet("/api/device/timeline", (string? kind) => Results.Json(web.Timeline.Snapshot(kind), WebJson.Options));

        api.MapPost("/api/device/commands", async (CommandRequest? request) =>
        {
            if (web.Operator is not { } sender) return Problem(409, web.OperatorMissing);
            if (request?.Commands is not { } text || string.IsNullOrWhiteSpace(text))
                return Problem(400, "no commands: give one command per line, e.g. \"relay relay1 on\" and \"status\"");
            if (text.Length > MaxCommandText || (request.Subject?.Length ?? 0) > 200)
                return Problem(400, $"too long: at most {MaxCommandText} characters of commands and 200 of subject");
            var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            var subject = string.IsNullOrWhiteSpace(request.Subject) ? null : request.Subject;
            try
            {
                var id = await Task.Run(() => sender.Send(lines, subject, Gateway.Core.Platform.NullLog.Instance));
                web.Timeline.Add(new TimelineEntry(DateTime.UtcNow, "operator", $"page: signed and sent {lines.Length} command(s) to {sender.To}: {string.Join("; ", lines)}") { MessageId = id });
                return Results.Json(new { messageId = id, to = sender.To, device = sender.DeviceId, commands = lines }, WebJson.Options);
            }
            catch (ArgumentException e)
            {
                return Problem(400, "not sent: " + e.Message);
            }
            catch (SmtpException e)
            {
                return Problem(502, "not sent: the operator's SMTP server: " + e.Message);
            }
        });
    }
}
