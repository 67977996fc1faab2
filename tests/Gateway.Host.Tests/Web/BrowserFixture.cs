using System.Diagnostics;
using OpenQA.Selenium.Chrome;

namespace Gateway.Host.Tests.Web;

/// <summary>
/// Debian's Chromium driven by its chromedriver (Selenium, no download of any browser or driver).
/// Installed by install-chromium as the mail rig installs Postfix; when it cannot be, the browser tests
/// are skipped saying why, except under CI=true, where that is a failure.
/// </summary>
static class BrowserFixture
{
    const string Chromium = "/usr/bin/chromium";
    const string Driver = "/usr/bin/chromedriver";

    static readonly Lazy<string?> Missing = new(Install);

    /// <summary>A headless Chromium, or a skip (a failure under CI=true) saying why there is none.</summary>
    public static ChromeDriver Start()
    {
        if (Missing.Value is { } why)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("browser tests under CI=true: " + why);
            Skip.If(true, why);
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000", "--no-proxy-server");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Where the screenshots go: the test output, under web-screenshots/.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "web-screenshots")).FullName;

    static string? Install()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Web", "install-chromium");
        var run = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();
        if (run.ExitCode == 0 && File.Exists(Chromium) && File.Exists(Driver)) return null;
        return $"no Chromium for the browser tests: {error.Trim()} (exit {run.ExitCode})";
    }
}
