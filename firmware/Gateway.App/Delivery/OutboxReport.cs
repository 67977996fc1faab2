using Gateway.Mail.Smtp;

namespace Gateway.App.Delivery;

/// <summary>What one delivery run did.</summary>
public sealed class OutboxReport
{
    /// <summary>Accepted by the server and removed from the outbox.</summary>
    public int Sent { get; set; }

    /// <summary>Refused for good and moved to "failed/".</summary>
    public int Failed { get; set; }

    /// <summary>Still in the outbox after the run.</summary>
    public int Waiting { get; set; }

    /// <summary>The session failure that stopped the run (the entries stay for retry), or null.</summary>
    public SmtpException? Error { get; set; }
}
