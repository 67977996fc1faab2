using Gateway.NanoGate;

// Gateway.NanoGate ASSEMBLY.dll [--allow NAME]...: NAME is one of our own nano assemblies it may reference.
var allowed = new List<string>();
string? path = null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--allow" && i + 1 < args.Length) allowed.Add(args[++i]);
    else if (path == null && !args[i].StartsWith("--")) path = args[i];
    else path = null;
}
if (path == null)
{
    Console.Error.WriteLine("usage: Gateway.NanoGate ASSEMBLY.dll [--allow OUR-ASSEMBLY]...");
    return 2;
}

string[] violations;
try
{
    violations = NanoAssemblyInspector.Inspect(path, allowed.ToArray());
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
{
    using var stream = File.OpenRead(path);
    using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
    long bytecode = NanoAssemblyInspector.EstimateBytecode(pe, System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe));
    Console.WriteLine($"nano-gate: {Path.GetFileName(path)} passes: no generics, about {bytecode:N0} of {NanoAssemblyInspector.MaxBytecode:N0} bytes of bytecode.");
}
return violations.Length == 0 ? 0 : 1;
