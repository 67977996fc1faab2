namespace Gateway.Core.Net;

/// <summary>
/// A connected byte stream to a server: a TCP socket, with or without TLS. Implemented by the
/// device glue (nanoFramework Socket + SslStream), the host (System.Net.Sockets + SslStream) and
/// by scripted channels in tests. Failures are thrown as <see cref="ChannelException"/>.
/// </summary>
public interface IChannel
{
    /// <summary>Reads up to <paramref name="count"/> bytes; blocks until at least one arrives.</summary>
    /// <returns>The number of bytes read; 0 when the peer closed the connection.</returns>
    int Read(byte[] buffer, int offset, int count);

    /// <summary>Writes all <paramref name="count"/> bytes or throws.</summary>
    void Write(byte[] buffer, int offset, int count);

    /// <summary>Upgrades this connection to TLS in place (STARTTLS/STLS), verifying <paramref name="host"/>.</summary>
    void StartTls(string host);

    /// <summary>True once the connection is encrypted (implicit TLS or after StartTls).</summary>
    bool IsEncrypted { get; }

    void Close();
}
