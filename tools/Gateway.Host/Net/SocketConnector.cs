using System.Net.Sockets;
using Gateway.Core.Net;

namespace Gateway.Host.Net;

/// <summary>The host's connector: System.Net.Sockets for TCP, SslStream for TLS.</summary>
public sealed class SocketConnector(TlsTrust trust) : IConnector
{
    public SocketConnector()
        : this(new TlsTrust())
    {
    }

    /// <summary>A channel over a socket someone else connected (benchmarks, tests), with this connector's trust.</summary>
    public IChannel Attach(Socket connected, string host, int port, TlsMode tls, int timeoutMs)
    {
        connected.ReceiveTimeout = timeoutMs;
        connected.SendTimeout = timeoutMs;
        var channel = new SocketChannel(connected, host, port, trust);
        if (tls == TlsMode.Implicit)
            channel.StartTls(host);
        return channel;
    }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var cts = new CancellationTokenSource(timeoutMs))
            {
                try
                {
                    socket.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    throw new ChannelException(ChannelError.Timeout, $"no answer from {host}:{port} within {timeoutMs} ms");
                }
                catch (SocketException e)
                {
                    var error = e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                        ? ChannelError.HostNotFound
                        : ChannelError.ConnectFailed;
                    var what = error == ChannelError.HostNotFound ? $"cannot resolve {host}" : $"cannot connect to {host}:{port}";
                    throw new ChannelException(error, $"{what}: {e.Message}", e);
                }
            }
            socket.ReceiveTimeout = timeoutMs;
            socket.SendTimeout = timeoutMs;
            var channel = new SocketChannel(socket, host, port, trust);
            if (tls == TlsMode.Implicit)
                channel.StartTls(host);
            return channel;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
