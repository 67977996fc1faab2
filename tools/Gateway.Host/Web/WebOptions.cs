using System.CommandLine;

namespace Gateway.Host.Web;

/// <summary>The options `gateway mailbox` and `gateway demo` share for the web page.</summary>
static class WebOptions
{
    public static Option<string> Web() => new("--web")
    {
        Description = "also serve the web page on [ADDRESS:]PORT (e.g. 8025: http://127.0.0.1:8025/; another address needs --web-password)",
    };

    public static Option<string> Password() => new("--web-password")
    {
        Description = "a password the page asks for (HTTP Basic, any user name); needed to listen on an address other than loopback",
    };

    /// <summary>Starts the page, or says why not on standard error and returns null.</summary>
    public static WebPage? Start(string spec, string? password, WebContext web, string command)
    {
        try
        {
            return WebPage.StartAsync(WebAddress.Parse(spec), web, password).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"gateway {command}: {e.Message}");
            return null;
        }
    }
}
