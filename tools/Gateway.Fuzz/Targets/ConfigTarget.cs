using Gateway.Core.Config;

namespace Gateway.Fuzz.Targets;

/// <summary>The input as a configuration file: a parsed configuration or errors naming their lines, never an exception.</summary>
public sealed class ConfigTarget : IFuzzTarget
{
    public string Name => "config";

    public string[] Instrument => ["Gateway.Core.dll"];

    public void Run(byte[] input)
    {
        var result = GatewayConfig.Parse(input, 0, input.Length);
        if (result.IsValid && result.Config == null)
            throw new FuzzContractException("valid without a configuration");
        _ = result.ToString();
        if (result.Config != null)
            foreach (var key in result.Config.Keys)
                _ = result.Config.LineOf(key);
    }

    public bool IsTypedError(Exception e) => false;
}
