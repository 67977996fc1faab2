using Gateway.Core.Platform;

namespace Gateway.MemoryProbe;

/// <summary>The sensor that config/mailrig.conf's rule watches ("temperature"), set by the probe.</summary>
public sealed class ProbeThermometer : ISensor
{
    public double Value = 20;

    public string Name => "temperature";

    public string Unit => "°C";

    public bool TryRead(out double value)
    {
        value = Value;
        return true;
    }
}
