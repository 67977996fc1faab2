using System.Xml.Linq;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.Gate;

/// <summary>
/// The .nfproj files are built only on a workstation with the nanoFramework tools, and they list their
/// sources one by one: these tests keep them in step with the folders the .NET build globs.
/// </summary>
public class NanoProjectTests
{
    static string[] Compiled(string project)
    {
        var path = Path.Combine(RepoPaths.Root, project);
        var dir = Path.GetDirectoryName(path)!;
        return XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => Path.GetFullPath(Path.Combine(dir, e.Attribute("Include")!.Value.Replace('\\', '/'))))
            .Order(StringComparer.Ordinal).ToArray();
    }

    static string[] Sources(string folder, params string[] except)
    {
        var root = Path.Combine(RepoPaths.Root, folder);
        return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !except.Any(x => f.EndsWith(x, StringComparison.Ordinal)))
            .Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [InlineData("firmware/Gateway.Core/Gateway.Core.nfproj", "firmware/Gateway.Core")]
    [InlineData("firmware/Gateway.Mail/Gateway.Mail.nfproj", "firmware/Gateway.Mail")]
    [InlineData("firmware/Gateway.App/Gateway.App.nfproj", "firmware/Gateway.App")]
    [InlineData("firmware/Gateway.Signing/Gateway.Signing.nfproj", "firmware/Gateway.Signing")]
    [InlineData("firmware/Gateway.Core.Frames/Gateway.Core.Frames.nfproj", "firmware/Gateway.Core.Frames")]
    [InlineData("firmware/Gateway.SelfTest/Gateway.SelfTest.nfproj", "firmware/Gateway.SelfTest")]
    [InlineData("firmware/Gateway.Firmware/Gateway.Firmware.nfproj", "firmware/Gateway.Firmware")]
    public void Nfproj_compiles_every_source_of_its_folder(string project, string folder)
    {
        Assert.Equal(Sources(folder), Compiled(project));
    }

    [Fact]
    public void Firmware_tests_compile_the_glue_except_the_entry_point()
    {
        var expected = Sources("firmware/Gateway.Firmware", "/Program.cs", "/Properties/AssemblyInfo.cs")
            .Concat(Sources("tests/Gateway.Firmware.Tests")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, Compiled("tests/Gateway.Firmware.Tests/Gateway.Firmware.Tests.nfproj"));
    }

    [Theory]
    [InlineData("firmware/Gateway.Firmware/packages.config")]
    [InlineData("tests/Gateway.Firmware.Tests/packages.config")]
    public void Every_package_is_referenced_at_its_packages_config_version(string config)
    {
        var project = Directory.GetFiles(Path.GetDirectoryName(Path.Combine(RepoPaths.Root, config))!, "*.nfproj").Single();
        var hints = XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToArray();
        foreach (var package in XDocument.Load(Path.Combine(RepoPaths.Root, config)).Descendants("package"))
        {
            string folder = @"\packages\" + package.Attribute("id")!.Value + "." + package.Attribute("version")!.Value + @"\lib\";
            Assert.Contains(hints, h => h.Contains(folder, StringComparison.Ordinal));
        }
    }
}
