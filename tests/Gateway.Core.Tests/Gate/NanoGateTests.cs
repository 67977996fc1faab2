using System.Diagnostics;
using Gateway.Core.Tests.Support;

namespace Gateway.Core.Tests.Gate;

/// <summary>
/// The portability gate, tested as it is used: the core's sources plus one offending file are built
/// with firmware/Gateway.Core.Nano/NanoCore.targets (the real nano mscorlib, then the IL inspection),
/// and the build must fail naming the offence. Without the file the same build passes.
/// </summary>
public class NanoGateTests
{
    static (int exitCode, string output) BuildCoreWith(string? extraFileName, string? extraSource)
    {
        var dir = Directory.CreateTempSubdirectory("nanogate-");
        try
        {
            var core = Path.Combine(RepoPaths.Root, "firmware", "Gateway.Core");
            var targets = Path.Combine(RepoPaths.Root, "firmware", "Gateway.Core.Nano", "NanoCore.targets");
            File.WriteAllText(Path.Combine(dir.FullName, "GateProbe.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{targets}" />
                  <ItemGroup>
                    <Compile Include="{core}/**/*.cs" Exclude="{core}/bin/**;{core}/obj/**" />
                    <Compile Include="*.cs" />
                  </ItemGroup>
                </Project>
                """);
            if (extraFileName != null)
                File.WriteAllText(Path.Combine(dir.FullName, extraFileName), extraSource);

            var psi = new ProcessStartInfo("dotnet", "build -nologo -v:m -clp:NoSummary")
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("the gate build did not finish in 3 minutes");
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Clean_core_passes_the_gate()
    {
        var (code, output) = BuildCoreWith(null, null);
        Assert.True(code == 0, output);
        Assert.Matches(@"nano-gate: GateProbe [\d,]+ B of bytecode, limit 49,152 B \(75% of 65,535\): [\d,]+ B headroom", output);
    }

    [Fact]
    public void List_of_int_fails_naming_List()
    {
        var (code, output) = BuildCoreWith("UsesList.cs", """
            using System.Collections.Generic;
            namespace Gateway.Core;
            public class UsesList { public List<int> Items = new List<int>(); }
            """);
        Assert.NotEqual(0, code);
        Assert.Matches(@"error CS\d+: .*'List<>'", output);
    }

    [Fact]
    public void Own_generic_class_fails_naming_it()
    {
        var (code, output) = BuildCoreWith("Box.cs", """
            namespace Gateway.Core;
            public sealed class Box<T> { public T? Value; }
            """);
        Assert.NotEqual(0, code);
        Assert.Contains("error NG002: generic type definition 'Gateway.Core.Box`1'", output);
    }

    [Fact]
    public void Action_of_int_fails_naming_it_although_nano_mscorlib_declares_it()
    {
        var (code, output) = BuildCoreWith("UsesAction.cs", """
            namespace Gateway.Core;
            public static class UsesAction
            {
                public static void Run(System.Action<int> onValue) => onValue(42);
            }
            """);
        Assert.NotEqual(0, code);
        Assert.Contains("error NG003: 'Gateway.Core.UsesAction.Run' uses generic type 'System.Action`1<int32>'", output);
    }

    [Fact]
    public void StringBuilder_fails_naming_it()
    {
        var (code, output) = BuildCoreWith("UsesStringBuilder.cs", """
            namespace Gateway.Core;
            public static class UsesStringBuilder { public static string Make() => new System.Text.StringBuilder("x").ToString(); }
            """);
        Assert.NotEqual(0, code);
        Assert.Matches(@"error CS\d+: .*'(StringBuilder|Text)'", output);
    }

    [Fact]
    public void A_static_field_initializer_fails_naming_its_type()
    {
        var (code, output) = BuildCoreWith("BootTable.cs", """
            namespace Gateway.Core;
            public static class BootTable { static readonly int[] Pins = { 36, 37 }; public static int First => Pins[0]; }
            """);
        Assert.NotEqual(0, code);
        Assert.Contains("error NG008: 'Gateway.Core.BootTable' has a static constructor", output);
    }

    [Fact]
    public void More_bytecode_than_a_pe_file_can_address_fails_naming_the_limit()
    {
        // About 60 KB of IL on top of the foundation (~16 KB): past the 48 KB every device assembly must end at.
        var body = string.Concat(Enumerable.Range(0, 6000).Select(i => $"        s = s * 31 + {100000 + i};\n"));
        var (code, output) = BuildCoreWith("Huge.cs", "namespace Gateway.Core;\npublic static class Huge\n{\n    public static long Sum(long s)\n    {\n" + body + "        return s;\n    }\n}\n");
        Assert.NotEqual(0, code);
        Assert.Contains("error NG005", output);
        Assert.Contains("more than the limit of 49,152", output);
        Assert.Matches(@"nano-gate: GateProbe [\d,]+ B of bytecode, limit 49,152 B \(75% of 65,535\): [\d,]+ B over", output);
    }

    [Fact]
    public void Generic_method_fails_naming_it()
    {
        var (code, output) = BuildCoreWith("Swap.cs", """
            namespace Gateway.Core;
            public static class Swapper
            {
                public static void Swap<T>(ref T a, ref T b) { T t = a; a = b; b = t; }
                public static void Use() { int x = 1, y = 2; Swap(ref x, ref y); }
            }
            """);
        Assert.NotEqual(0, code);
        Assert.Contains("error NG002: generic method definition 'Gateway.Core.Swapper.Swap'", output);
        Assert.Contains("error NG004: generic method instantiation 'Swap<int32>'", output);
    }
}
