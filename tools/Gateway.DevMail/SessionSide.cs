using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.DevMail;

/// <summary>One connection of a line protocol the mailbox serves (POP3, IMAP).</summary>
interface IServerSession
{
    Task RunAsync(CancellationToken stop);

    /// <summary>Closes the connection from outside (server stop).</summary>
    void Abort();
}

/// <summary>
/// The listeners of one protocol (plain, with STLS/STARTTLS offered when there is a certificate, and
/// implicit TLS when configured) and their sessions: one run. Over <see cref="DevMailOptions.MaxConnections"/>
/// a connection is told to come back later and closed.
/// </summary>
sealed class SessionSide
{
    readonly DevMailServer _owner;
    readonly byte[] _tooBusy;
    readonly Func<Socket, bool, IServerSession> _newSession;
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentDictionary<IServerSession, Task> _sessions = new();
    readonly List<TcpListener> _listeners = [];
    readonly List<Task> _loops = [];
    int _active;

    SessionSide(DevMailServer owner, string tooBusy, Func<Socket, bool, IServerSession> newSession)
    {
        _owner = owner;
        _tooBusy = Encoding.ASCII.GetBytes(tooBusy + "\r\n");
        _newSession = newSession;
    }

    public int Port { get; private set; }
    public int? SecurePort { get; private set; }

    /// <param name="tooBusy">The protocol's line for a connection over the limit (sent in clear only).</param>
    /// <param name="newSession">Makes a session for an accepted socket; the flag: implicit TLS.</param>
    public static SessionSide Start(DevMailServer owner, string protocol, int port, int? securePort, DevCertificate? certificate,
        string tooBusy, Func<Socket, bool, IServerSession> newSession)
    {
        var side = new SessionSide(owner, tooBusy, newSession);
        try
        {
            side.Port = side.Listen(port, implicitTls: false);
            if (certificate != null && securePort != null)
                side.SecurePort = side.Listen(securePort.Value, implicitTls: true);
        }
        catch (SocketException e)
        {
            side.StopAsync().GetAwaiter().GetResult();
            throw new IOException($"{protocol} cannot listen on {owner.Options.BindAddress} port {port}{(securePort != null ? " / " + securePort : "")}: {e.Message}", e);
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
                Refuse(socket, implicitTls, _tooBusy);
                continue;
            }
            var session = _newSession(socket, implicitTls);
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

    static void Refuse(Socket socket, bool implicitTls, byte[] tooBusy)
    {
        try
        {
            if (!implicitTls)
            {
                socket.SendTimeout = 1000;
                socket.Send(tooBusy);
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
