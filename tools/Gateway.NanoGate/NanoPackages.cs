using System.Xml.Linq;

namespace Gateway.NanoGate;

/// <summary>A package a nanoFramework project names in its packages.config, with the version it pins.</summary>
public sealed record NanoPackage(string Id, string Version);

/// <summary>
/// Which assemblies each nanoFramework package ships: the one place the gate maps a packages.config
/// line to the assembly names a project may then reference. Read in each package's nuspec
/// (its <c>&lt;file target="lib\X.dll"&gt;</c> lines); NANOFRAMEWORK-APIS.md names the commits.
/// </summary>
public static class NanoPackages
{
    public static readonly IReadOnlyDictionary<string, string[]> Assemblies = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["nanoFramework.CoreLibrary"] = ["mscorlib"],
        ["nanoFramework.Runtime.Events"] = ["nanoFramework.Runtime.Events"],
        ["nanoFramework.Runtime.Native"] = ["nanoFramework.Runtime.Native"],
        ["nanoFramework.Hardware.Esp32"] = ["nanoFramework.Hardware.Esp32"],
        ["nanoFramework.Device.OneWire"] = ["nanoFramework.Device.OneWire"],
        ["nanoFramework.System.Text"] = ["nanoFramework.System.Text"],
        ["nanoFramework.System.Threading"] = ["System.Threading"],
        ["nanoFramework.System.IO.Streams"] = ["System.IO.Streams"],
        ["nanoFramework.System.IO.FileSystem"] = ["System.IO.FileSystem"],
        ["nanoFramework.System.Net"] = ["System.Net"],
        ["nanoFramework.System.Device.Gpio"] = ["System.Device.Gpio"],
        ["nanoFramework.System.Device.Adc"] = ["System.Device.Adc"],
        ["nanoFramework.TestFramework"] = ["nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher"],
    };

    /// <summary>The packages of a packages.config, in file order.</summary>
    /// <exception cref="InvalidDataException">A line without id or version: names the file and the line.</exception>
    public static NanoPackage[] Read(string packagesConfig)
    {
        var doc = XDocument.Load(packagesConfig, LoadOptions.SetLineInfo);
        var packages = new List<NanoPackage>();
        foreach (var e in doc.Descendants("package"))
        {
            string? id = e.Attribute("id")?.Value, version = e.Attribute("version")?.Value;
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(version))
                throw new InvalidDataException($"{packagesConfig}({((System.Xml.IXmlLineInfo)e).LineNumber}): a <package> needs an id and a version");
            packages.Add(new NanoPackage(id, version));
        }
        return packages.ToArray();
    }

    /// <summary>
    /// The package that ships an assembly, or null. Its version is the package's: nanoFramework's
    /// assembly versions are the package version plus, for some packages, a revision from the commit.
    /// </summary>
    public static NanoPackage? Shipping(NanoPackage[] packages, string assemblyName)
    {
        foreach (var p in packages)
            if (Assemblies.TryGetValue(p.Id, out var names) && Array.IndexOf(names, assemblyName) >= 0)
                return p;
        return null;
    }
}
