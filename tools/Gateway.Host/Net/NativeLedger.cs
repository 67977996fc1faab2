using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Ownership;

/// <summary>
/// The sockets, TLS streams and certificates a component opened, each read from the object itself when
/// counted: a socket whose handle is not closed, a TLS stream still authenticated, a certificate whose handle
/// is set. So a count says what is really still open, not what the code believes it disposed. Released
/// objects are dropped at the next add or count, so the list holds only a session's few objects.
/// (Compiled into the host and into DevMail, internal to each.)
/// </summary>
sealed class NativeLedger
{
    readonly List<object> _held = [];

    /// <summary>Records an object; a TLS stream only once its handshake is done (before, it cannot be told apart from a disposed one).</summary>
    public T Add<T>(T item) where T : class
    {
        lock (_held)
        {
            _held.RemoveAll(IsReleased);
            _held.Add(item);
        }
        return item;
    }

    public int Count<T>()
    {
        lock (_held)
        {
            _held.RemoveAll(IsReleased);
            return _held.Count(o => o is T);
        }
    }

    static bool IsReleased(object o) => o switch
    {
        Socket s => s.SafeHandle.IsClosed,
        SslStream t => !t.IsAuthenticated,
        X509Certificate c => c.Handle == IntPtr.Zero,
        _ => throw new ArgumentException("the ledger counts sockets, TLS streams and certificates, not " + o.GetType().Name),
    };
}
