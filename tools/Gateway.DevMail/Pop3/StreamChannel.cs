using Gateway.Core.Net;

namespace Gateway.DevMail.Pop3;

/// <summary>
/// The server's side of a connection as the core's <see cref="IChannel"/>, only so the core's
/// <see cref="Gateway.Core.Text.LineWriter"/> and <see cref="Gateway.Core.Text.DotWriter"/> can write
/// POP3 replies. Writes are synchronous, bounded by the socket's send timeout; reads go through
/// <see cref="Pop3LineReader"/> instead.
/// </summary>
sealed class StreamChannel(Stream stream, bool encrypted) : IChannel
{
    public bool IsEncrypted => encrypted;

    public int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the POP3 server reads through Pop3LineReader");

    public void Write(byte[] buffer, int offset, int count)
    {
        try
        {
            stream.Write(buffer, offset, count);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new ChannelException(ChannelError.ConnectionLost, "the POP3 client is gone: " + e.Message, e);
        }
    }

    public void StartTls(string host) => throw new NotSupportedException("the server starts TLS itself");

    public void Close() => stream.Dispose();
}
