using System.Net;

namespace Gateway.Host.Web;

/// <summary>`--web [ADDRESS:]PORT`: where the page listens; loopback unless an address is given.</summary>
public static class WebAddress
{
    /// <exception cref="FormatException">Not a port, or not an address and a port; the message says which.</exception>
    public static IPEndPoint Parse(string text)
    {
        text = text.Trim();
        if (int.TryParse(text, out var bare)) return new IPEndPoint(IPAddress.Loopback, Port(bare, text));
        if (!IPEndPoint.TryParse(text, out var endpoint) || text.EndsWith(']') || !text.Contains(':'))
            throw new FormatException($"--web wants PORT or ADDRESS:PORT (e.g. 8025, 127.0.0.1:8025, [::1]:8025, 0.0.0.0:8025), not '{text}'");
        Port(endpoint.Port, text);
        return endpoint;
    }

    /// <summary>Whether only this machine can reach the page.</summary>
    public static bool IsLocal(IPEndPoint endpoint) => IPAddress.IsLoopback(endpoint.Address);

    static int Port(int port, string text) =>
        port is >= 0 and <= 65535 ? port : throw new FormatException($"--web: {port} is not a TCP port (0-65535) in '{text}'");
}
