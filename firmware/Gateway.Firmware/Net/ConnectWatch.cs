using System.Net.Sockets;
using System.Threading;

namespace Gateway.Firmware.Net;

/// <summary>The state a connect timer shares with the connecting thread: close the socket once, if still connecting.</summary>
sealed class ConnectWatch
{
    readonly Socket _socket;
    readonly object _lock = new object();
    bool _done;

    public ConnectWatch(Socket socket)
    {
        _socket = socket;
    }

    public bool Expired { get; private set; }

    public void Done()
    {
        lock (_lock) _done = true;
    }

    public static void Expire(object? state)
    {
        var watch = (ConnectWatch)state!;
        lock (watch._lock)
        {
            if (watch._done) return;
            watch.Expired = true;
        }
        try
        {
            watch._socket.Close();
        }
        catch (System.Exception)
        {
            // The connect finished while the timer fired.
        }
    }
}
