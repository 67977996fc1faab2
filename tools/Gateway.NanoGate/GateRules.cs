namespace Gateway.NanoGate;

/// <summary>What one assembly is allowed: our own assemblies, the packages of its packages.config, a bytecode limit.</summary>
public sealed record GateRules(string[] OwnAssemblies, NanoPackage[] Packages, int BytecodeLimit)
{
    public static GateRules Default { get; } = new([], [], NanoAssemblyInspector.DefaultBytecodeLimit);
}

/// <summary>The gate's verdict on one assembly: what the device cannot run, and its bytecode.</summary>
public sealed record GateReport(string Assembly, string[] Violations, long Bytecode);
