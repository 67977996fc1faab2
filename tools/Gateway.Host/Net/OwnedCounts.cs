using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Gateway.Ownership;

namespace Gateway.Host.Net;

/// <summary>
/// What a connector's channels (or a trust's checks) hold open right now: sockets, TLS streams and
/// certificates (the server's certificate of each TLS session, the validation chains', the doctor's copies),
/// each read from the object itself. A gateway that runs for months must hold none between polls without
/// waiting for a GC; the ownership tests check that.
/// </summary>
public sealed class OwnedCounts
{
    readonly NativeLedger _ledger = new();

    public int Sockets => _ledger.Count<Socket>();
    public int TlsStreams => _ledger.Count<SslStream>();
    public int Certificates => _ledger.Count<X509Certificate>();

    /// <summary>True when nothing is open.</summary>
    public bool IsEmpty => Sockets == 0 && TlsStreams == 0 && Certificates == 0;

    internal T Own<T>(T item) where T : class => _ledger.Add(item);

    public override string ToString() => $"{Sockets} socket(s), {TlsStreams} TLS stream(s), {Certificates} certificate(s)";
}
