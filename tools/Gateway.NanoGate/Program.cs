using Gateway.NanoGate;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Gateway.NanoGate ASSEMBLY.dll");
    return 2;
}

var path = args[0];
string[] violations;
try
{
    violations = NanoAssemblyInspector.Inspect(path);
}
catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
{
    Console.WriteLine($"{path} : error NG000: cannot read the assembly: {e.Message}");
    return 1;
}

// Canonical MSBuild error lines, so the Exec task reports each one as a build error.
foreach (var v in violations)
    Console.WriteLine($"{path} : error {v}");
if (violations.Length == 0)
    Console.WriteLine($"nano-gate: {Path.GetFileName(path)} passes: mscorlib only, no generics.");
return violations.Length == 0 ? 0 : 1;
