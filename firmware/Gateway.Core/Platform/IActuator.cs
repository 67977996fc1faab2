namespace Gateway.Core.Platform;

/// <summary>Something a command moves: a relay on a GPIO pin, a simulated switch on the host.</summary>
public interface IActuator
{
    /// <summary>The name used in commands (`relay NAME on`), e.g. relay1.</summary>
    string Name { get; }

    /// <summary>The current state as a word: "on" or "off" for a relay.</summary>
    string State { get; }

    /// <summary>Moves to <paramref name="value"/> ("on", "off"); throws when the hardware refuses.</summary>
    void Set(string value);
}
