using Gateway.Core.Net;

namespace Gateway.Fuzz.Support;

/// <summary>Hands out one channel, "encrypted" when implicit TLS is asked for, so the clients reach their protocol.</summary>
public sealed class FixedConnector(IChannel channel) : IConnector
{
    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        if (tls == TlsMode.Implicit) channel.StartTls(host);
        return channel;
    }
}
