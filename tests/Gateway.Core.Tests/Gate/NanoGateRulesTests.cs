using Gateway.Core.Tests.Support;
using Gateway.NanoGate;

namespace Gateway.Core.Tests.Gate;

/// <summary>
/// The gate's rules on a real device assembly: the firmware's on-board tests as this build compiles them
/// (tests/Gateway.Firmware.Tests.Nano), which reference mscorlib, the core and eleven package assemblies.
/// </summary>
public class NanoGateRulesTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    static readonly string TestsAssembly = Path.Combine(RepoPaths.Root, "tests", "Gateway.Firmware.Tests.Nano", "bin", Configuration, "netstandard2.0", "Gateway.Firmware.Tests.dll");

    static NanoPackage[] Packages(string project) => NanoPackages.Read(Path.Combine(RepoPaths.Root, project, "packages.config"));

    static GateReport Gate(NanoPackage[] packages, int limit = NanoAssemblyInspector.DefaultBytecodeLimit)
    {
        Assert.True(File.Exists(TestsAssembly), $"{TestsAssembly} is not built: build Gateway.sln ({Configuration}) first");
        return NanoAssemblyInspector.Inspect(TestsAssembly, new GateRules(["Gateway.Core", "Gateway.Mail", "Gateway.App"], packages, limit));
    }

    [Fact]
    public void Firmware_tests_pass_with_the_packages_of_their_packages_config()
    {
        var report = Gate(Packages("tests/Gateway.Firmware.Tests"));
        Assert.Empty(report.Violations);
        Assert.InRange(report.Bytecode, 1000, NanoAssemblyInspector.DefaultBytecodeLimit);
    }

    [Fact]
    public void A_package_missing_from_packages_config_fails_naming_it()
    {
        // The firmware's packages.config has everything but TestFramework.
        var report = Gate(Packages("firmware/Gateway.Firmware"));
        var violation = Assert.Single(report.Violations);
        Assert.StartsWith("NG001: references assembly 'nanoFramework.TestFramework'", violation);
        Assert.EndsWith("add package nanoFramework.TestFramework to packages.config", violation);
    }

    [Fact]
    public void A_reference_at_another_version_than_the_package_fails_naming_both()
    {
        var packages = Packages("tests/Gateway.Firmware.Tests").Select(p => p.Id == "nanoFramework.System.Net" ? p with { Version = "1.11.60" } : p).ToArray();
        var violation = Assert.Single(Gate(packages).Violations);
        Assert.Equal("NG007: references System.Net 1.11.54.0, but packages.config pins nanoFramework.System.Net 1.11.60", violation);
    }

    [Fact]
    public void A_package_the_gate_does_not_know_fails_naming_it()
    {
        var packages = Packages("tests/Gateway.Firmware.Tests").Append(new NanoPackage("nanoFramework.Iot.Device.Bmxx80", "1.2.3")).ToArray();
        Assert.Contains(Gate(packages).Violations, v => v.StartsWith("NG006: packages.config names package 'nanoFramework.Iot.Device.Bmxx80'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_assembly_over_the_limit_fails_and_its_line_says_by_how_much()
    {
        var report = Gate(Packages("tests/Gateway.Firmware.Tests"), limit: 1000);
        var violation = Assert.Single(report.Violations);
        Assert.StartsWith($"NG005: about {report.Bytecode:N0} bytes of bytecode, more than the limit of 1,000 (2% of the 65,535", violation);
        Assert.Equal($"nano-gate: Gateway.Firmware.Tests {report.Bytecode:N0} B of bytecode, limit 1,000 B (2% of 65,535): {report.Bytecode - 1000:N0} B over",
            NanoAssemblyInspector.SizeLine(report, 1000));
    }

    [Fact]
    public void Size_line_gives_the_headroom_under_the_default_limit()
    {
        var report = new GateReport("Gateway.Mail", [], 40000);
        Assert.Equal("nano-gate: Gateway.Mail 40,000 B of bytecode, limit 49,152 B (75% of 65,535): 9,152 B headroom",
            NanoAssemblyInspector.SizeLine(report, NanoAssemblyInspector.DefaultBytecodeLimit));
    }
}
