using Gateway.NanoGate;

// Gateway.NanoGate ASSEMBLY.dll [--allow OUR-ASSEMBLY]... [--packages packages.config] [--limit BYTES]
// Gateway.NanoGate --surface ASSEMBLY.dll   (the public API of a reference assembly, one line per member)
const string Usage = "usage: Gateway.NanoGate ASSEMBLY.dll [--allow OUR-ASSEMBLY]... [--packages packages.config] [--limit BYTES]\n"
    + "       Gateway.NanoGate --surface ASSEMBLY.dll";

if (args.Length == 2 && args[0] == "--surface")
{
    foreach (var line in ApiSurface.Read(args[1]))
        Console.WriteLine(line);
    return 0;
}

var allowed = new List<string>();
string? path = null, packagesConfig = null;
int limit = NanoAssemblyInspector.DefaultBytecodeLimit;
for (int i = 0; i < args.Length; i++)
{
    bool hasValue = i + 1 < args.Length;
    if (args[i] == "--allow" && hasValue) allowed.Add(args[++i]);
    else if (args[i] == "--packages" && hasValue) packagesConfig = args[++i];
    else if (args[i] == "--limit" && hasValue && int.TryParse(args[i + 1], out limit) && limit > 0 && limit <= NanoAssemblyInspector.MaxBytecode) i++;
    else if (path == null && !args[i].StartsWith("--")) path = args[i];
    else
    {
        Console.Error.WriteLine($"Gateway.NanoGate: cannot use argument '{args[i]}' (a --limit is 1..{NanoAssemblyInspector.MaxBytecode})\n{Usage}");
        return 2;
    }
}
if (path == null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

NanoPackage[] packages = [];
if (packagesConfig != null)
{
    try
    {
        packages = NanoPackages.Read(packagesConfig);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Xml.XmlException)
    {
        Console.WriteLine($"{packagesConfig} : error NG000: cannot read the packages.config: {e.Message}");
        return 1;
    }
}

GateReport report;
try
{
    report = NanoAssemblyInspector.Inspect(path, new GateRules(allowed.ToArray(), packages, limit));
}
catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
{
    Console.WriteLine($"{path} : error NG000: cannot read the assembly: {e.Message}");
    return 1;
}

// Canonical MSBuild error lines, so the Exec task reports each one as a build error.
foreach (var v in report.Violations)
    Console.WriteLine($"{path} : error {v}");
Console.WriteLine(NanoAssemblyInspector.SizeLine(report, limit));
return report.Violations.Length == 0 ? 0 : 1;
