namespace Gateway.App.Commands;

/// <summary>What <c>status</c> answers: uptime, readings, outbox, relays; one line, no secrets.</summary>
public interface IStatusProvider
{
    string Status();
}
