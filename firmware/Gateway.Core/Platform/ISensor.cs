namespace Gateway.Core.Platform;

/// <summary>A reading source: an ADC input, a 1-Wire thermometer, a simulated curve on the host.</summary>
public interface ISensor
{
    /// <summary>The name used in configuration (`sensor.NAME.*`, `rule.X.sensor = NAME`).</summary>
    string Name { get; }

    /// <summary>Shown after values: "°C", "V", or "".</summary>
    string Unit { get; }

    /// <summary>Reads the sensor; false when it did not answer (the rule then sees no value).</summary>
    bool TryRead(out double value);
}
