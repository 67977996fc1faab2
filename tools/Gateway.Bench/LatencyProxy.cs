using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench;

/// <summary>
/// A TCP relay on 127.0.0.1 that delays every chunk by a fixed time each way (a WAN in a box) and
/// counts round trips as a capture on the client's side shows them (tcpdump on the port the client
/// connects to): every client flight, data or its FIN, sent after the server's data reached the
/// client is a round trip the client waited for (the greeting, each reply read before sending more,
/// each TLS handshake flight, the reply to QUIT if it is awaited). For every client alike.
/// </summary>
public sealed class LatencyProxy : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly IPEndPoint _target;
    readonly TimeSpan _delay;
    readonly CancellationTokenSource _stop = new();
    int _roundTrips, _connections;
    long _bytesUp, _bytesDown;

    public LatencyProxy(IPEndPoint target, TimeSpan oneWayDelay)
    {
        _target = target;
        _delay = oneWayDelay;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>TCP connections relayed: with implicit TLS, one handshake each.</summary>
    public int Connections => Volatile.Read(ref _connections);
    public long BytesUp => Interlocked.Read(ref _bytesUp);
    public long BytesDown => Interlocked.Read(ref _bytesDown);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _roundTrips, 0);
        Interlocked.Exchange(ref _connections, 0);
        Interlocked.Exchange(ref _bytesUp, 0);
        Interlocked.Exchange(ref _bytesDown, 0);
    }

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Relay(client);
        }
    }

    async Task Relay(TcpClient client)
    {
        using var c = client;
        Interlocked.Increment(ref _connections);
        using var server = new TcpClient { NoDelay = true };
        c.NoDelay = true;
        await server.ConnectAsync(_target);
        var turn = new Turn();
        var up = Pump(c.GetStream(), server.GetStream(), turn, fromClient: true);
        var down = Pump(server.GetStream(), c.GetStream(), turn, fromClient: false);
        await Task.WhenAll(up, down);
    }

    /// <summary>Whether server data has been delivered to the client since the client's last flight.</summary>
    sealed class Turn { public bool ServerSpoke; }

    /// Reads as fast as data comes and delivers each chunk exactly one delay after it arrived, so
    /// back-to-back chunks are not delayed twice (a real link's latency, not a slow link).
    async Task Pump(NetworkStream from, NetworkStream to, Turn turn, bool fromClient)
    {
        var queue = System.Threading.Channels.Channel.CreateUnbounded<(long due, byte[] data)>();
        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var (due, data) in queue.Reader.ReadAllAsync(_stop.Token))
                {
                    var wait = due - Environment.TickCount64;
                    if (wait > 0) await Task.Delay((int)wait, _stop.Token);
                    if (data.Length == 0) { to.Socket.Shutdown(SocketShutdown.Send); return; }
                    // Marked just before the client gets the bytes: marked after, a quick answer could be read first.
                    if (!fromClient) lock (turn) turn.ServerSpoke = true;
                    await to.WriteAsync(data, _stop.Token);
                }
            }
            catch (Exception)
            {
                // The other side went away.
            }
        });
        var buf = new byte[16384];
        try
        {
            while (true)
            {
                int n = await from.ReadAsync(buf, _stop.Token);
                long due = Environment.TickCount64 + (long)_delay.TotalMilliseconds;
                if (fromClient)
                    lock (turn)
                        if (turn.ServerSpoke)
                        {
                            // A client flight (its data, or its FIN) after the server's data reached it.
                            turn.ServerSpoke = false;
                            Interlocked.Increment(ref _roundTrips);
                        }
                if (n == 0) { queue.Writer.TryWrite((due, [])); break; }
                if (fromClient) Interlocked.Add(ref _bytesUp, n); else Interlocked.Add(ref _bytesDown, n);
                queue.Writer.TryWrite((due, buf.AsSpan(0, n).ToArray()));
            }
        }
        catch (Exception)
        {
            // One side went away: the relay ends with it.
        }
        queue.Writer.TryComplete();
        await writer;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
