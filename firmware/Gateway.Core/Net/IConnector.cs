namespace Gateway.Core.Net;

/// <summary>Opens channels. The platform decides how (sockets, TLS library, trusted certificates).</summary>
public interface IConnector
{
    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/>. With <see cref="TlsMode.Implicit"/>
    /// the TLS handshake is done before this returns; with <see cref="TlsMode.StartTls"/> the channel
    /// starts in clear and the protocol calls <see cref="IChannel.StartTls"/> when the server agreed.
    /// <paramref name="timeoutMs"/> bounds the connect and every later read and write.
    /// </summary>
    IChannel Connect(string host, int port, TlsMode tls, int timeoutMs);
}
