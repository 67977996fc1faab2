using System.Net;
using System.Net.Sockets;
using System.Text;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Gateway.DevMail.Smtp;

/// <summary>
/// The TCP listener for the SmtpServer package, with three differences from the package's own: it records
/// the port each endpoint really bound (port 0 picks one), it serves at most <c>maxConnections</c> sessions
/// at once, telling the next client "421 too busy" and closing, and each session's connection is a
/// <see cref="SessionPipe"/>, which disposes its TLS stream when the session ends. One instance per start.
/// </summary>
sealed class BoundedListenerFactory(int maxConnections, ConnectionCounts counts) : EndpointListenerFactory
{
    readonly int _max = maxConnections;
    readonly ConnectionCounts _counts = counts;
    int _active;

    /// <summary>The bound port of the STARTTLS/plain endpoint and of the implicit-TLS endpoint.</summary>
    public int? PlainPort { get; private set; }
    public int? SecurePort { get; private set; }

    public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        var started = new EndpointEventArgs(endpointDefinition, listener.LocalEndpoint);
        OnEndpointStarted(started);
        return new BoundedListener(listener, this, endpointDefinition.IsSecure, () => OnEndpointStopped(started));
    }

    protected override void OnEndpointStarted(EndpointEventArgs args)
    {
        var port = ((IPEndPoint)args.LocalEndPoint).Port;
        if (args.EndpointDefinition.IsSecure) SecurePort = port;
        else PlainPort = port;
        base.OnEndpointStarted(args);
    }

    sealed class BoundedListener(TcpListener listener, BoundedListenerFactory owner, bool secure, Action stopped) : IEndpointListener
    {
        static readonly byte[] TooBusy = Encoding.ASCII.GetBytes("421 4.3.2 Too many connections, try again later\r\n");

        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
                if (Interlocked.Increment(ref owner._active) <= owner._max)
                {
                    context.Properties[EndpointListener.LocalEndPointKey] = listener.LocalEndpoint;
                    context.Properties[EndpointListener.RemoteEndPointKey] = socket.RemoteEndPoint!;
                    return new SessionPipe(socket, owner._counts, () => Interlocked.Decrement(ref owner._active));
                }
                Interlocked.Decrement(ref owner._active);
                Refuse(socket);
            }
        }

        void Refuse(Socket socket)
        {
            try
            {
                if (!secure) // before a handshake a TLS client could not read it
                {
                    socket.SendTimeout = 1000;
                    socket.Send(TooBusy);
                }
            }
            catch (SocketException)
            {
                // The client left already.
            }
            finally
            {
                socket.Dispose();
            }
        }

        public void Dispose()
        {
            listener.Stop();
            stopped();
        }
    }
}
