using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Gateway.Core.Net;

namespace Gateway.Firmware.Net;

/// <summary>
/// Opens <see cref="DeviceChannel"/>s: DNS, a TCP connect bounded by the timeout, then the TLS
/// handshake for <see cref="TlsMode.Implicit"/>. One connector per server (SMTP, POP3), each with the
/// CA certificate of its configuration key.
/// </summary>
public sealed class DeviceConnector : IConnector
{
    readonly X509Certificate? _ca;
    readonly string? _pinKey;

    /// <param name="ca">The CA that signs the server's certificate (smtp.ca / pop3.ca), or null for the device's store.</param>
    /// <param name="pinKey">"smtp.pin" / "pop3.pin" when the configuration pins the server's key, else null.</param>
    public DeviceConnector(X509Certificate? ca, string? pinKey)
    {
        _ca = ca;
        _pinKey = pinKey;
    }

    public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs)
    {
        // nanoFramework's SslStream (System.Net 1.11) never shows the server's certificate to managed
        // code, so a pinned key cannot be compared here. Connecting anyway would silently trust less
        // than the configuration says: refuse, and say what works on a board instead.
        if (_pinKey != null)
            throw new ChannelException(ChannelError.CertificateRejected,
                _pinKey + " cannot be checked on the device (its TLS stack does not expose the server's certificate): remove it and put the server's CA in " + _pinKey.Substring(0, 4) + ".ca");
        string endpoint = host + ":" + port.ToString();
        IPAddress address = Resolve(host);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveTimeout = timeoutMs;
        socket.SendTimeout = timeoutMs;
        ConnectWithin(socket, new IPEndPoint(address, port), endpoint, timeoutMs);
        var channel = new DeviceChannel(socket, endpoint, _ca, timeoutMs);
        if (tls == TlsMode.Implicit)
        {
            // RFC 8314: TLS from the first byte; the handshake is done before the greeting is read.
            channel.StartTls(host);
        }
        return channel;
    }

    static IPAddress Resolve(string host)
    {
        try
        {
            var entry = Dns.GetHostEntry(host);
            var list = entry.AddressList;
            for (int i = 0; i < list.Length; i++)
                if (list[i].AddressFamily == AddressFamily.InterNetwork) return list[i];
        }
        catch (SocketException e)
        {
            throw new ChannelException(ChannelError.HostNotFound, "cannot resolve " + host + ": error " + e.ErrorCode.ToString(), e);
        }
        throw new ChannelException(ChannelError.HostNotFound, "cannot resolve " + host + ": no IPv4 address");
    }

    /// <summary>
    /// Socket.Connect on nanoFramework polls without a limit, so a timer closes the socket when the
    /// connect takes longer than <paramref name="timeoutMs"/>; the blocked Connect then throws.
    /// </summary>
    static void ConnectWithin(Socket socket, IPEndPoint remote, string endpoint, int timeoutMs)
    {
        var state = new ConnectWatch(socket);
        using (var timer = new Timer(ConnectWatch.Expire, state, timeoutMs, Timeout.Infinite))
        {
            try
            {
                socket.Connect(remote);
                state.Done();
                if (!state.Expired) return;
                // The timer fired as the connect finished: the socket is closed, so it counts as a timeout.
                throw new ChannelException(ChannelError.Timeout, "timed out connecting to " + endpoint);
            }
            catch (ChannelException)
            {
                throw;
            }
            catch (Exception e)
            {
                state.Done();
                socket.Close();
                if (state.Expired)
                    throw new ChannelException(ChannelError.Timeout, "timed out connecting to " + endpoint, e);
                var socketError = e as SocketException;
                if (socketError != null && socketError.ErrorCode == (int)SocketError.TimedOut)
                    throw new ChannelException(ChannelError.Timeout, "timed out connecting to " + endpoint, e);
                throw new ChannelException(ChannelError.ConnectFailed, "cannot connect to " + endpoint + ": " + e.Message, e);
            }
        }
    }
}
