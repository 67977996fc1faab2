using Gateway.Core.Platform;

namespace Gateway.Host.Sensors;

/// <summary>A simulated sensor seen through the core's seam, reading at the clock's time.</summary>
public sealed class SimulatedSensorAdapter(SimulatedSensor sensor, IClock clock) : ISensor
{
    public string Name => sensor.Name;
    public string Unit => sensor.Unit;

    public bool TryRead(out double value)
    {
        value = sensor.Read(clock.UtcNow);
        return !double.IsNaN(value);
    }
}
