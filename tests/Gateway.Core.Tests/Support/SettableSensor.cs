using Gateway.Core.Platform;

namespace Gateway.Core.Tests.Support;

/// <summary>A temperature sensor whose reading a test sets, and whose driver can be made to throw.</summary>
public sealed class SettableSensor(string name) : ISensor
{
    public double Value = 20;
    public bool Broken;
    public string Name => name;
    public string Unit => "°C";
    public bool TryRead(out double value)
    {
        if (Broken) throw new InvalidOperationException("1-Wire bus shorted");
        value = Value;
        return true;
    }
}
