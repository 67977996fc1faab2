using System.Net;
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

    /// <summary>What this connector's channels hold right now; nothing once every channel is closed.</summary>
    public OwnedCounts Owned { get; } = new();

    /// <summary>Channels keep copies of the server's certificate and chain for the doctor to print (until closed).</summary>
    public bool KeepPeerCertificates { get; init; }

    SocketChannel Open(Socket connected, string host, int port, TlsMode tls)
    {
        var channel = new SocketChannel(connected, host, port, trust, Owned, KeepPeerCertificates);
        if (tls == TlsMode.Implicit)
        {
            try
            {
                channel.StartTls(host);
            }
            catch
            {
                channel.Close();
                throw;
            }
        }
        return channel;
    }

    /// <summary>A channel over a socket someone else connected (benchmarks, tests), with this connector's trust.</summary>
    public IChannel Attach(Socket connected, string host, int port, TlsMode tls, int timeoutMs)
    {
        connected.ReceiveTimeout = timeoutMs;
        connected.SendTimeout = timeoutMs;
        return Open(connected, host, port, tls);
    }

    /// <summary>
    /// An address needs no resolver: a non-blocking connect and a poll on this thread. Unlike the async
    /// connect, it does not wait for the thread pool to run its completion, which a busy process (a test
    /// run with many blocking tests) may not do within a short timeout.
    /// </summary>
    static void ConnectWithin(Socket socket, IPEndPoint remote, int timeoutMs)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(remote);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            if (!socket.Poll((int)Math.Min(timeoutMs * 1000L, int.MaxValue), SelectMode.SelectWrite))
                throw new TimeoutException();
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success) throw new SocketException((int)error);
        }
        socket.Blocking = true;
    }

    /// <summary>A name: resolved and connected asynchronously, so that the timeout bounds a slow resolver too.</summary>
    static void ResolveAndConnectWithin(Socket socket, string host, int port, int timeoutMs)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        try
        {
            socket.ConnectAsync(host, port, cts.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException();
        }
    }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try
            {
                if (IPAddress.TryParse(host, out var address))
                    ConnectWithin(socket, new IPEndPoint(address, port), timeoutMs);
                else
                    ResolveAndConnectWithin(socket, host, port, timeoutMs);
            }
            catch (TimeoutException)
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
            socket.ReceiveTimeout = timeoutMs;
            socket.SendTimeout = timeoutMs;
            return Open(socket, host, port, tls);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
