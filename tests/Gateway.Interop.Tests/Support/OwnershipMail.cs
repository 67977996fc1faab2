using Gateway.Mail.Mime;
using Gateway.Mail.Smtp;

namespace Gateway.Tests.Support;

/// <summary>The small message the ownership tests send now and then: composed and sent on a connected client.</summary>
public static class OwnershipMail
{
    public static SmtpSendResult Send(SmtpClient smtp, string from, string to, int cycle)
    {
        var bytes = MessageComposer.Compose(new OutgoingMessage
        {
            From = from,
            To = [to],
            Subject = $"ownership check {cycle}",
            Body = "sent by ConnectionOwnershipTests\r\n",
            MessageId = Guid.NewGuid().ToString("N") + "@ownership.gateway.test",
            DateUtc = DateTime.UtcNow,
        }, false, out _);
        return smtp.Send(from, [to], bytes, 0, bytes.Length, false);
    }
}
