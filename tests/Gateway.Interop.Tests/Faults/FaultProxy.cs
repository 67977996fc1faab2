using System.Net;
using System.Net.Sockets;

namespace Gateway.Interop.Tests.Faults;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a loopback server, for fault injection: each accepted
/// connection asks <see cref="FaultFor"/> (by its index, 0 first) for a fault, and the relay
/// forwards bytes until the fault's count, then cuts, resets, stalls, delays or truncates.
/// Bounded: a connection idle for <see cref="IdleLimit"/> or stalled for <see cref="StallLimit"/>
/// is closed, and <see cref="Dispose"/> ends everything. It only dials loopback.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly IPEndPoint _target;
    readonly Thread _acceptor;
    readonly List<ProxiedConnection> _connections = [];
    readonly List<Link> _links = [];
    readonly List<Socket> _sockets = [];
    readonly CancellationTokenSource _stop = new();

    public FaultProxy(int targetPort, Func<int, Fault?>? faultFor = null)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        FaultFor = faultFor ?? (_ => null);
        _listener.Start();
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "fault-proxy accept" };
        _acceptor.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The fault for the connection with this index (0 for the first), or null to pass it through.</summary>
    public Func<int, Fault?> FaultFor { get; set; }

    public TimeSpan IdleLimit { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StallLimit { get; init; } = TimeSpan.FromSeconds(30);

    public ProxiedConnection[] Connections
    {
        get { lock (_connections) return [.. _connections]; }
    }

    /// <summary>
    /// Fires <paramref name="action"/> on the live connection <paramref name="index"/> now, whatever its
    /// byte counts (a fault in the middle of a long quiet session, such as an IMAP IDLE): Close, Reset,
    /// Stall (half-open: nothing forwarded, nothing closed, until <see cref="StallLimit"/>), or Delay
    /// (every later chunk both ways held <paramref name="delay"/>).
    /// </summary>
    public void FireNow(int index, FaultAction action, TimeSpan delay = default)
    {
        Link link;
        lock (_connections) link = _links[index];
        link.FireNow(new Fault(action, FaultDirection.ServerToClient, 0, delay));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
            foreach (var s in _sockets) Abort(s);
        _acceptor.Join(TimeSpan.FromSeconds(5));
    }

    void Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                server.Connect(_target);
            }
            catch (SocketException)
            {
                Abort(client);
                server.Dispose();
                continue;
            }
            var record = new ProxiedConnection();
            int index;
            lock (_connections)
            {
                index = _connections.Count;
                _connections.Add(record);
                _sockets.Add(client);
                _sockets.Add(server);
            }
            var link = new Link(this, client, server, record, FaultFor(index));
            lock (_connections) _links.Add(link);
            link.Start();
        }
    }

    static void Abort(Socket s)
    {
        try
        {
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    static void CloseGracefully(Socket s)
    {
        try
        {
            s.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        try
        {
            s.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The two pumps of one connection and the fault between them.</summary>
    sealed class Link(FaultProxy proxy, Socket client, Socket server, ProxiedConnection record, Fault? fault)
    {
        readonly object _gate = new();
        bool _ended;
        bool _stalled;
        TimeSpan _delay; // set by FireNow(Delay): every later chunk both ways waits this long

        public void Start()
        {
            client.ReceiveTimeout = server.ReceiveTimeout = (int)proxy.IdleLimit.TotalMilliseconds;
            client.SendTimeout = server.SendTimeout = (int)proxy.IdleLimit.TotalMilliseconds;
            new Thread(() => Pump(client, server, FaultDirection.ClientToServer)) { IsBackground = true, Name = "fault-proxy c2s" }.Start();
            new Thread(() => Pump(server, client, FaultDirection.ServerToClient)) { IsBackground = true, Name = "fault-proxy s2c" }.Start();
        }

        void Pump(Socket from, Socket to, FaultDirection direction)
        {
            var buffer = new byte[16 * 1024];
            long forwarded = 0;
            var mine = fault != null && fault.Direction == direction ? fault : null;
            bool fired = false;
            try
            {
                if (mine != null && mine.AfterBytes == 0 && mine.Action != FaultAction.Delay)
                {
                    Fire(mine, to);
                    fired = true;
                    if (mine.Action != FaultAction.Truncate) return;
                }
                while (true)
                {
                    int n = from.Receive(buffer);
                    if (n == 0) break;
                    if (Stalled()) continue; // held back for good
                    var held = Held();
                    if (held > TimeSpan.Zero) Thread.Sleep(held);
                    if (fired && mine!.Action == FaultAction.Truncate) continue; // dropped
                    int pass = n;
                    if (mine != null && !fired && mine.Action != FaultAction.Delay && forwarded + n >= mine.AfterBytes)
                        pass = (int)(mine.AfterBytes - forwarded);
                    if (mine != null && mine.Action == FaultAction.Delay && forwarded + n > mine.AfterBytes)
                        Thread.Sleep(mine.Delay);
                    if (pass > 0)
                    {
                        SendAll(to, buffer, pass);
                        record.Count(direction, pass);
                        forwarded += pass;
                    }
                    if (mine != null && !fired && mine.Action != FaultAction.Delay && forwarded == mine.AfterBytes)
                    {
                        Fire(mine, to);
                        fired = true;
                        if (mine.Action != FaultAction.Truncate) return;
                    }
                }
                // The sender finished: pass its FIN on, the other way may still be talking.
                try { to.Shutdown(SocketShutdown.Send); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
                if (Interlocked.Increment(ref _halves) == 2) End(graceful: true);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                End(graceful: false);
            }
        }

        int _halves;

        bool Stalled()
        {
            lock (_gate) return _stalled;
        }

        TimeSpan Held()
        {
            lock (_gate) return _delay;
        }

        public void FireNow(Fault f)
        {
            if (f.Action == FaultAction.Delay)
            {
                record.Fired = f;
                lock (_gate) _delay = f.Delay;
                return;
            }
            // Stall blocks until its limit: off the caller's thread.
            new Thread(() => Fire(f, client)) { IsBackground = true, Name = "fault-proxy fire" }.Start();
        }

        void Fire(Fault f, Socket receiver)
        {
            record.Fired = f;
            switch (f.Action)
            {
                case FaultAction.Close:
                    End(graceful: true);
                    break;
                case FaultAction.Reset:
                    End(graceful: false);
                    break;
                case FaultAction.Stall:
                    lock (_gate) _stalled = true;
                    // Bounded: after the stall limit (or at Dispose) both sockets are closed.
                    proxy._stop.Token.WaitHandle.WaitOne(proxy.StallLimit);
                    End(graceful: false);
                    break;
                case FaultAction.Truncate:
                    try { receiver.Shutdown(SocketShutdown.Send); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
                    break;
            }
        }

        void End(bool graceful)
        {
            lock (_gate)
            {
                if (_ended) return;
                _ended = true;
            }
            if (graceful)
            {
                CloseGracefully(client);
                CloseGracefully(server);
            }
            else
            {
                Abort(client);
                Abort(server);
            }
        }

        static void SendAll(Socket to, byte[] buffer, int count)
        {
            int sent = 0;
            while (sent < count) sent += to.Send(buffer, sent, count - sent, SocketFlags.None);
        }
    }
}
