namespace Gateway.MemoryProbe;

/// <summary>Where the probe writes its lines: the console on a nanoCLR and on .NET, a buffer in the tests.</summary>
public interface IProbeOutput
{
    void Line(string text);
}
