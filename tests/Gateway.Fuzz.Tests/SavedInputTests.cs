namespace Gateway.Fuzz.Tests;

/// <summary>
/// The fuzz targets run in-process on every seed and every regression input: each ends in a result or
/// the parser's own typed error, within the timeout. This keeps the target code itself tested, and
/// every crash afl-fuzz ever found replayed, in the test command.
/// </summary>
public class SavedInputTests
{
    [Theory]
    [MemberData(nameof(FuzzInputs.All), MemberType = typeof(FuzzInputs))]
    public void Every_seed_and_regression_ends_in_a_result_or_a_typed_error(string target, string file)
    {
        var t = FuzzTargets.Find(target);
        Assert.True(t != null, $"{file}: no fuzz target named '{target}' (regressions are named TARGET-*.bin)");
        var result = FuzzRunner.Execute(t, File.ReadAllBytes(Path.Combine(FuzzInputs.Root, file)), FuzzRunner.DefaultTimeout);
        Assert.False(result.IsDefect, $"{target} on {file}: {result}");
    }

    [Fact]
    public void Every_target_has_seeds_and_the_run_script_knows_it()
    {
        string script = File.ReadAllText(Path.Combine(FuzzInputs.Root, "tools", "fuzz", "run"));
        string line = script.Split('\n').Single(l => l.StartsWith("targets=", StringComparison.Ordinal));
        Assert.Equal($"targets=\"{string.Join(' ', FuzzTargets.All.Select(t => t.Name))}\"", line);
        foreach (var target in FuzzTargets.All)
        {
            var dir = Path.Combine(FuzzInputs.SeedFolder, target.Name);
            Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir).Length >= 3, $"{target.Name}: fewer than 3 seeds in {dir}");
        }
        Assert.Equal(FuzzTargets.All.Select(t => t.Name).Order(), Directory.GetDirectories(FuzzInputs.SeedFolder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Replay_of_the_seed_folders_reports_no_defect()
    {
        foreach (var target in FuzzTargets.All)
        {
            var output = new StringWriter();
            int defects = Replay.Run(target, Path.Combine(FuzzInputs.SeedFolder, target.Name), FuzzRunner.DefaultTimeout, output);
            Assert.True(defects == 0, output.ToString());
            Assert.Contains("0 crashes or hangs", output.ToString());
        }
    }

    [Theory]
    [InlineData("pop3", "full-session.txt")]
    [InlineData("pcap", "*")]
    [InlineData("hex", "*")]
    [InlineData("dialogue", "*")]
    [InlineData("frame", "*")]
    [InlineData("mime", "*")]
    [InlineData("command", "*")]
    [InlineData("config", "*")]
    [InlineData("smtp-session", "pipelined.txt")]
    [InlineData("smtp-session", "one-by-one.txt")]
    [InlineData("sasl", "smtp-*.txt")]
    [InlineData("sasl", "pop3-apop.txt")]
    [InlineData("sasl", "pop3-login.txt")]
    [InlineData("sasl", "pop3-user-pass.txt")]
    [InlineData("imap", "*")]
    public void Well_formed_seeds_parse_so_the_fuzzer_starts_deep(string target, string pattern)
    {
        var t = FuzzTargets.Find(target)!;
        var files = Directory.GetFiles(Path.Combine(FuzzInputs.SeedFolder, target), pattern);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = FuzzRunner.Execute(t, File.ReadAllBytes(file), FuzzRunner.DefaultTimeout);
            Assert.True(result.Kind == FuzzOutcomeKind.Parsed || (Path.GetFileName(file).Contains("error") && result.Kind == FuzzOutcomeKind.TypedError),
                $"{target} on {Path.GetFileName(file)}: {result}");
        }
    }
}
