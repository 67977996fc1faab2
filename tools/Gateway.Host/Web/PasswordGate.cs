using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Web;

/// <summary>
/// `--web-password`: HTTP Basic authentication, any user name, the password compared in constant time.
/// Without TLS it only keeps out the curious on a trusted network; the password is never logged or shown.
/// </summary>
sealed class PasswordGate(string password)
{
    readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(password));

    public async Task Invoke(HttpContext http, Func<Task> next)
    {
        if (Allowed(http.Request.Headers.Authorization.ToString()))
        {
            await next();
            return;
        }
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"gateway mailbox\", charset=\"UTF-8\"";
        await http.Response.WriteAsJsonAsync(new { error = "this page needs the password given with --web-password" });
    }

    bool Allowed(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        int colon = decoded.IndexOf(':');
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(colon < 0 ? "" : decoded[(colon + 1)..]));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
