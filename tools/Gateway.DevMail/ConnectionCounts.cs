using System.Net.Security;
using System.Net.Sockets;
using Gateway.Ownership;

namespace Gateway.DevMail;

/// <summary>
/// The connections a mailbox holds open right now (SMTP and POP3 sockets not yet closed) and the TLS streams
/// among them (still authenticated), each read from the object itself. A mailbox left running on a laptop must
/// hold nothing once its sessions have ended, without waiting for a GC; the ownership test checks that.
/// </summary>
public sealed class ConnectionCounts
{
    readonly NativeLedger _ledger = new();

    public int Connections => _ledger.Count<Socket>();
    public int TlsStreams => _ledger.Count<SslStream>();

    internal T Own<T>(T item) where T : class => _ledger.Add(item);

    public override string ToString() => $"{Connections} connection(s), {TlsStreams} TLS stream(s)";
}
