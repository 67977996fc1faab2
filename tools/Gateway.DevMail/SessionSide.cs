using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.DevMail.Pop3;

/// <summary>The POP3 listeners (plain/STLS, and implicit TLS when configured) and their sessions: one run.</summary>
sealed class Pop3Side
{
    static readonly byte[] TooBusy = Encoding.ASCII.GetBytes("-ERR [SYS/TEMP] Too many connections, try again later.\r\n");

    readonly DevMailServer _owner;
    readonly DevCertificate? _certificate;
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentDictionary<Pop3Session, Task> _sessions = new();
    readonly List<TcpListener> _listeners = [];
    readonly List<Task> _loops = [];
    int _active;

    Pop3Side(DevMailServer owner, DevCertificate? certificate)
    {
        _owner = owner;
        _certificate = certificate;
    }

    public int Port { get; private set; }
    public int? SecurePort { get; private set; }

    public static Pop3Side Start(DevMailServer owner, int port, int? securePort, DevCertificate? certificate)
    {
        var side = new Pop3Side(owner, certificate);
        try
        {
            side.Port = side.Listen(port, implicitTls: false);
            if (certificate != null && securePort != null)
                side.SecurePort = side.Listen(securePort.Value, implicitTls: true);
        }
        catch (SocketException e)
        {
            side.StopAsync().GetAwaiter().GetResult();
            throw new IOException($"POP3 cannot listen on {owner.Options.BindAddress} port {port}{(securePort != null ? " / " + securePort : "")}: {e.Message}", e);
        }
        return side;
    }

    int Listen(int port, bool implicitTls)
    {
        var listener = new TcpListener(_owner.Options.BindAddress, port);
        if (!OperatingSystem.IsWindows()) // rebinding right after a stop, with connections in TIME_WAIT
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(backlog: 16);
        _listeners.Add(listener);
        _loops.Add(AcceptLoopAsync(listener, implicitTls));
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task AcceptLoopAsync(TcpListener listener, bool implicitTls)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
                continue; // one failed accept (a client that reset at once) does not end the server
            }
            if (Interlocked.Increment(ref _active) > _owner.Options.MaxConnections)
            {
                Interlocked.Decrement(ref _active);
                Refuse(socket, implicitTls);
                continue;
            }
            var session = new Pop3Session(_owner, socket, _certificate, implicitTls);
            _sessions[session] = Task.Run(async () =>
            {
                try
                {
                    await session.RunAsync(_stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _active);
                    _sessions.TryRemove(session, out _);
                }
            });
        }
    }

    static void Refuse(Socket socket, bool implicitTls)
    {
        try
        {
            if (!implicitTls)
            {
                socket.SendTimeout = 1000;
                socket.Send(TooBusy);
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Closes the listeners and every connection; returns when the sessions are gone (or after a few seconds).</summary>
    public async Task StopAsync()
    {
        _stop.Cancel();
        foreach (var listener in _listeners) listener.Stop();
        foreach (var session in _sessions.Keys) session.Abort();
        var all = _loops.Concat(_sessions.Values).ToArray();
        await Task.WhenAny(Task.WhenAll(all), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }
}
