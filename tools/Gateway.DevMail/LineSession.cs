using System.Net.Sockets;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.DevMail.Pop3;

namespace Gateway.DevMail;

/// <summary>
/// What a POP3 and an IMAP connection share: the socket and its stream (TLS once started), the bounded
/// line reader, the line writer over the core's channel, the TLS start, and the way out.
/// </summary>
abstract class LineSession : IServerSession
{
    const int WriteBufferSize = 8 * 1024;

    protected LineSession(DevMailServer owner, Socket socket, DevCertificate? certificate, bool implicitTls)
    {
        Owner = owner;
        Socket = socket;
        Certificate = certificate;
        ImplicitTls = implicitTls;
        Remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        Reader = new Pop3LineReader(owner.Options.MaxLineLength);
        socket.SendTimeout = (int)owner.Options.IoTimeout.TotalMilliseconds;
        Stream = new NetworkStream(owner.Connections.Own(socket), ownsSocket: true);
        Reader.Attach(Stream);
        Writer.Attach(new StreamChannel(Stream, false));
    }

    protected DevMailServer Owner { get; }
    protected Socket Socket { get; }
    protected DevCertificate? Certificate { get; }
    protected bool ImplicitTls { get; }
    protected string Remote { get; }
    protected Pop3LineReader Reader { get; }
    protected LineWriter Writer { get; } = new(WriteBufferSize);
    protected Stream Stream { get; private set; }
    protected bool Secure { get; private set; }
    protected DevMailOptions Options => Owner.Options;

    public abstract Task RunAsync(CancellationToken stop);

    /// <summary>Closes the connection from outside (server stop).</summary>
    public void Abort()
    {
        try { Socket.Close(); } catch (ObjectDisposedException) { }
    }

    /// <summary>The TLS handshake on the connection (implicit, or after STLS/STARTTLS); reading and writing go through it from now on.</summary>
    protected async Task StartTlsAsync(CancellationToken stop)
    {
        var tls = await ServerTls.AuthenticateAsync(Stream, Certificate!, Options.IoTimeout, stop).ConfigureAwait(false);
        Stream = Owner.Connections.Own(tls);
        Secure = true;
        Reader.Attach(tls);
        Writer.Attach(new StreamChannel(tls, true));
    }

    /// <summary>Disposes the connection's streams (the TLS one holds OpenSSL's state) and its socket.</summary>
    protected void Release()
    {
        try
        {
            Stream.Dispose();
        }
        catch (IOException)
        {
            // The client left first.
        }
        finally
        {
            Abort();
        }
    }

    /// <summary>Writes the lines and flushes.</summary>
    protected void Send(params string[] lines)
    {
        foreach (var line in lines) Writer.WriteLine(line);
        Writer.Flush();
    }

    /// <summary>A last line on a connection that may already be gone.</summary>
    protected void TrySend(string line)
    {
        try { Send(line); }
        catch (Exception e) when (e is ChannelException or IOException or ObjectDisposedException) { }
    }
}
