using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gateway.Core.Tests.Support;
using Gateway.NanoGate;

namespace Gateway.Core.Tests.Gate;

/// <summary>
/// Our reference assemblies of the nanoFramework packages (firmware/NanoRefs) and the list of their
/// members in NANOFRAMEWORK-APIS.md, each with the file of the real source it was checked in, kept in
/// step both ways: a signature cannot be invented in the assemblies without the doc saying where it
/// was read, and the doc cannot list what the glue is not really compiled against.
/// </summary>
public class NanoReferenceTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    static readonly string Doc = Path.Combine(RepoPaths.Root, "firmware", "Gateway.Firmware", "NANOFRAMEWORK-APIS.md");
    static readonly string RefsFolder = Path.Combine(RepoPaths.Root, "firmware", "NanoRefs");

    /// <summary>A row of the "Reference assemblies" table.</summary>
    sealed record ListedAssembly(string Name, string Version, string Package, string Repository, string Commit);

    static string[] Section(string heading)
    {
        var lines = File.ReadAllLines(Doc);
        int start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"{Doc} has no section '{heading}'");
        int end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return lines[(start + 1)..(end < 0 ? lines.Length : end)];
    }

    static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    static bool IsDataRow(string line) => line.StartsWith('|') && !line.StartsWith("|---", StringComparison.Ordinal) && !line.StartsWith("| member |", StringComparison.Ordinal) && !line.StartsWith("| assembly |", StringComparison.Ordinal);

    static ListedAssembly[] ListedAssemblies() => Section("## Reference assemblies").Where(IsDataRow).Select(Cells)
        .Select(c => new ListedAssembly(c[0], c[1], c[2], c[3], c[5])).ToArray();

    /// <summary>The "Members" section: per "### assembly" heading, each row's member (in backticks) and file.</summary>
    static Dictionary<string, List<(string Member, string File)>> ListedMembers()
    {
        var members = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        List<(string, string)>? current = null;
        foreach (var line in Section("## Members of the reference assemblies"))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
                members[line[4..].Trim()] = current = [];
            else if (IsDataRow(line))
            {
                Assert.True(current != null, $"member row before any '### assembly' heading: {line}");
                var match = Regex.Match(line, @"^\| `(?<member>[^`]+)` \| (?<file>[^|]+) \|$");
                Assert.True(match.Success, $"not a '| `member` | file |' row: {line}");
                current!.Add((match.Groups["member"].Value, match.Groups["file"].Value.Trim()));
            }
        }
        return members;
    }

    static string BuiltAssembly(string name)
    {
        var path = Path.Combine(RefsFolder, name, "bin", Configuration, "netstandard2.0", name + ".dll");
        Assert.True(File.Exists(path), $"{path} is not built: build Gateway.sln ({Configuration}) first");
        return path;
    }

    static string[] Folders() => Directory.GetDirectories(RefsFolder).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> ReferenceAssemblies() => new(Folders());

    [Theory]
    [MemberData(nameof(ReferenceAssemblies))]
    public void Reference_assembly_has_exactly_the_members_the_doc_lists(string assembly)
    {
        var listed = ListedMembers();
        Assert.True(listed.ContainsKey(assembly), $"NANOFRAMEWORK-APIS.md lists no members for {assembly} (a '### {assembly}' table)");
        var documented = listed[assembly].Select(m => m.Member).ToArray();
        var built = ApiSurface.Read(BuiltAssembly(assembly));
        var invented = built.Except(documented, StringComparer.Ordinal).ToArray();
        var missing = documented.Except(built, StringComparer.Ordinal).ToArray();
        Assert.True(invented.Length == 0 && missing.Length == 0,
            $"{assembly}: in the assembly but not in NANOFRAMEWORK-APIS.md (say where it was read):\n  {string.Join("\n  ", invented)}\n"
            + $"listed but not in the assembly:\n  {string.Join("\n  ", missing)}");
        Assert.Equal(documented.Length, documented.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_listed_member_names_the_source_file_it_was_checked_in()
    {
        foreach (var (assembly, rows) in ListedMembers())
            foreach (var (member, file) in rows)
                Assert.True(file.EndsWith(".cs", StringComparison.Ordinal) && !file.Contains(' '), $"{assembly}: `{member}` names no source file ('{file}')");
    }

    [Fact]
    public void Every_reference_assembly_is_listed_once_and_every_listed_one_exists()
    {
        var folders = Folders();
        var listed = ListedAssemblies().Select(a => a.Name).ToArray();
        Assert.Equal(folders, listed.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(folders, ListedMembers().Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Reference_assemblies_carry_the_listed_name_and_version_of_the_package_the_firmware_pins()
    {
        var pinned = NanoPackages.Read(Path.Combine(RepoPaths.Root, "tests", "Gateway.Firmware.Tests", "packages.config"));
        foreach (var a in ListedAssemblies())
        {
            using var stream = File.OpenRead(BuiltAssembly(a.Name));
            using var pe = new PEReader(stream);
            var definition = pe.GetMetadataReader().GetAssemblyDefinition();
            Assert.Equal(a.Name, pe.GetMetadataReader().GetString(definition.Name));
            Assert.Equal(a.Version, definition.Version.ToString());
            // The gate's map says which package ships this assembly; the firmware's tests pin that package.
            Assert.Contains(a.Name, NanoPackages.Assemblies[a.Package]);
            var package = pinned.Single(p => p.Id == a.Package);
            Assert.StartsWith(package.Version + ".", a.Version, StringComparison.Ordinal);
            Assert.Matches("^nanoframework/", a.Repository);
            Assert.Matches("^[0-9a-f]{10}$", a.Commit);
        }
    }

    [Theory]
    [InlineData("firmware/Gateway.Firmware/Gateway.Firmware.nfproj")]
    [InlineData("tests/Gateway.Firmware.Tests/Gateway.Firmware.Tests.nfproj")]
    public void Nfproj_references_the_versions_of_the_reference_assemblies(string project)
    {
        var versions = ListedAssemblies().ToDictionary(a => a.Name, a => a.Version);
        var references = XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants()
            .Where(e => e.Name.LocalName == "Reference").Select(e => e.Attribute("Include")!.Value.Split(", "));
        int checkedCount = 0;
        foreach (var parts in references)
        {
            if (!versions.TryGetValue(parts[0], out var version)) continue;
            Assert.Equal($"Version={version}", parts.Single(p => p.StartsWith("Version=", StringComparison.Ordinal)));
            checkedCount++;
        }
        Assert.True(checkedCount >= 9, $"{project}: only {checkedCount} references to our reference assemblies' packages");
    }
}
