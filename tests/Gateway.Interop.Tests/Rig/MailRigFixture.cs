using System.Diagnostics;
using System.Text;

namespace Gateway.Interop.Tests.Rig;

/// <summary>
/// Starts the real mail rig (tests/mailrig/start) once per test run, or reuses one that is already
/// running in the same folder, and stops it at the end only if it started it here.
/// The folder is $GATEWAY_RIG_DIR, or /tmp/gateway-mailrig.
/// When this machine cannot host the rig (not Linux, not root, no apt) the tests are skipped
/// with the reason, except under CI=true, where that is a failure carrying the script's output.
/// Any other start failure (the servers did not come up) is always a failure.
/// </summary>
public sealed class MailRigFixture : IAsyncLifetime
{
    /// <summary>Exit code of tests/mailrig/start for "this machine cannot host the rig".</summary>
    public const int ExitUnsupported = 77;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private string? _repoRoot;
    private string? _unavailable;
    private string? _broken;
    private bool _startedHere;
    private RigSettings? _settings;
    private RigTls? _tls;

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public string RigDirectory { get; } =
        Environment.GetEnvironmentVariable("GATEWAY_RIG_DIR") is { Length: > 0 } dir ? dir : "/tmp/gateway-mailrig";

    /// <summary>Returns the running rig, or skips (fails under CI=true) the calling test.</summary>
    public RigSettings Require()
    {
        if (_broken is not null)
        {
            Assert.Fail(_broken);
        }

        if (_unavailable is not null)
        {
            if (IsCi)
            {
                Assert.Fail("CI=true and the mail rig cannot run here: " + _unavailable);
            }

            throw new SkipException(_unavailable);
        }

        return _settings ?? throw new InvalidOperationException("the mail rig fixture was not initialised");
    }

    public RigTls Tls => _tls ?? throw new InvalidOperationException("the mail rig is not running");

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            _unavailable = "the mail rig (real Postfix + Dovecot) runs only on Linux";
            return;
        }

        _repoRoot = FindRepoRoot();
        if (_repoRoot is null)
        {
            _broken = $"no folder above {AppContext.BaseDirectory} contains tests/mailrig/start";
            return;
        }

        var start = Path.Combine(_repoRoot, "tests", "mailrig", "start");
        var run = await RunScriptAsync(start, StartTimeout);
        if (run.ExitCode == ExitUnsupported)
        {
            _unavailable = $"tests/mailrig/start {RigDirectory} says this machine cannot host the rig: {run.Output.Trim()}";
            return;
        }

        if (run.ExitCode != 0)
        {
            _broken = run.TimedOut
                ? $"tests/mailrig/start {RigDirectory} did not finish within {StartTimeout.TotalSeconds:0} s; its output:\n{run.Output}"
                : $"tests/mailrig/start {RigDirectory} failed with exit code {run.ExitCode}; its output:\n{run.Output}";
            return;
        }

        // The script says so when it found the rig already running: then it belongs to someone else.
        _startedHere = !run.Output.Contains("mailrig: already running", StringComparison.Ordinal);
        try
        {
            _settings = RigSettings.Load(Path.Combine(RigDirectory, "rig.env"));
            _tls = RigTls.FromPemFile(_settings.CaPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            _broken = $"the mail rig started but its settings cannot be read: {e.Message}\n{run.Output}";
        }
    }

    public async Task DisposeAsync()
    {
        _tls?.Dispose();
        if (!_startedHere || _repoRoot is null)
        {
            return;
        }

        var run = await RunScriptAsync(Path.Combine(_repoRoot, "tests", "mailrig", "stop"), StopTimeout);
        if (run.ExitCode != 0)
        {
            // Nothing can fail a test from here; leave the reason where a human will look.
            await Console.Error.WriteLineAsync($"tests/mailrig/stop {RigDirectory} failed ({run.ExitCode}):\n{run.Output}");
        }
    }

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "mailrig", "start")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private sealed record ScriptRun(int ExitCode, bool TimedOut, string Output);

    /// <summary>
    /// Runs a rig script with its output in a file, not a pipe: daemons it leaves running can then
    /// never keep this process waiting for end-of-stream.
    /// </summary>
    private async Task<ScriptRun> RunScriptAsync(string script, TimeSpan timeout)
    {
        var log = Path.Combine(Path.GetTempPath(), $"gateway-mailrig-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo("/bin/bash") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec /bin/bash \"$0\" \"$1\" </dev/null >\"$2\" 2>&1");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(RigDirectory);
        info.ArgumentList.Add(log);
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start /bin/bash");
            using var cts = new CancellationTokenSource(timeout);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }

            var output = File.Exists(log) ? await File.ReadAllTextAsync(log, Encoding.UTF8) : "";
            return new ScriptRun(timedOut ? -1 : process.ExitCode, timedOut, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ScriptRun(ExitUnsupported, false, "cannot run /bin/bash: " + e.Message);
        }
        finally
        {
            File.Delete(log);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MailRigCollection : ICollectionFixture<MailRigFixture>
{
    public const string Name = "mail rig";
}
