using Gateway.Core.Platform;

namespace Gateway.Host.Sensors;

/// <summary>A relay that exists only in configuration (`relay.NAME.sim = off`); it counts its moves, so tests can prove a command ran once.</summary>
public sealed class SimulatedRelay(string name, bool on) : IActuator
{
    public string Name => name;
    public string State => On ? "on" : "off";
    public bool On { get; private set; } = on;

    /// <summary>How many times Set was called (a real relay would have clicked).</summary>
    public int Moves { get; private set; }

    public void Set(string value)
    {
        On = value switch
        {
            "on" => true,
            "off" => false,
            _ => throw new ArgumentException($"a relay is on or off, not \"{value}\""),
        };
        Moves++;
    }
}
