using System.Net;
using System.Text;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Gateway.DevMail.Smtp;

/// <summary>
/// The package's TCP listener, with two additions: it records the port each endpoint really bound
/// (port 0 picks one), and it serves at most <c>maxConnections</c> sessions at once, telling the
/// next client "421 too busy" and closing. One instance per start.
/// </summary>
sealed class BoundedListenerFactory(int maxConnections) : EndpointListenerFactory
{
    readonly int _max = maxConnections;
    int _active;

    /// <summary>The bound port of the STARTTLS/plain endpoint and of the implicit-TLS endpoint.</summary>
    public int? PlainPort { get; private set; }
    public int? SecurePort { get; private set; }

    public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition) =>
        new BoundedListener(base.CreateListener(endpointDefinition), this, endpointDefinition.IsSecure);

    protected override void OnEndpointStarted(EndpointEventArgs args)
    {
        var port = ((IPEndPoint)args.LocalEndPoint).Port;
        if (args.EndpointDefinition.IsSecure) SecurePort = port;
        else PlainPort = port;
        base.OnEndpointStarted(args);
    }

    sealed class BoundedListener(IEndpointListener inner, BoundedListenerFactory owner, bool secure) : IEndpointListener
    {
        static readonly byte[] TooBusy = Encoding.ASCII.GetBytes("421 4.3.2 Too many connections, try again later\r\n");

        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            while (true)
            {
                var pipe = await inner.GetPipeAsync(context, cancellationToken).ConfigureAwait(false);
                if (Interlocked.Increment(ref owner._active) <= owner._max)
                    return new CountedPipe(pipe, () => Interlocked.Decrement(ref owner._active));
                Interlocked.Decrement(ref owner._active);
                try
                {
                    if (!secure) // before a handshake a TLS client could not read it
                    {
                        await pipe.Output.WriteAsync(TooBusy, cancellationToken).ConfigureAwait(false);
                        await pipe.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (IOException)
                {
                    // The client left already.
                }
                finally
                {
                    pipe.Dispose();
                }
                // The refused connection's context holds its endpoints; the next accept needs a clean one.
                context.Properties.Remove(EndpointListener.LocalEndPointKey);
                context.Properties.Remove(EndpointListener.RemoteEndPointKey);
            }
        }

        public void Dispose() => inner.Dispose();
    }
}
