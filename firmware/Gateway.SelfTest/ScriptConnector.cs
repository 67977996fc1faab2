using Gateway.Core.Net;

namespace Gateway.SelfTest;

/// <summary>Hands out one prepared channel.</summary>
public sealed class ScriptConnector : IConnector
{
    readonly IChannel _channel;

    public ScriptConnector(IChannel channel)
    {
        _channel = channel;
    }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        if (tls == TlsMode.Implicit) _channel.StartTls(host);
        return _channel;
    }
}
