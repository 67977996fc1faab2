using System.Security.Cryptography.X509Certificates;

namespace Gateway.Host.Net;

/// <summary>
/// How many native-backed objects a connector's channels hold right now: open channels (a socket and
/// its streams) and certificates (the server's certificate of each TLS session, and the doctor's
/// copies). Each goes up when a channel takes one and down when the channel disposes it, so a gateway
/// that runs for months can be checked to hold none between polls, without waiting for a GC.
/// </summary>
public sealed class OwnedCounts
{
    int _channels;
    int _certificates;

    public int Channels => Volatile.Read(ref _channels);
    public int Certificates => Volatile.Read(ref _certificates);

    internal void ChannelOpened() => Interlocked.Increment(ref _channels);
    internal void ChannelClosed() => Interlocked.Decrement(ref _channels);

    /// <summary>Takes a certificate into a channel's keeping; <see cref="Release"/> disposes it.</summary>
    internal X509Certificate2 Own(X509Certificate2 certificate)
    {
        Interlocked.Increment(ref _certificates);
        return certificate;
    }

    internal void Release(X509Certificate2? certificate)
    {
        if (certificate == null) return;
        certificate.Dispose();
        Interlocked.Decrement(ref _certificates);
    }

    public override string ToString() => $"{Channels} channel(s), {Certificates} certificate(s)";
}
