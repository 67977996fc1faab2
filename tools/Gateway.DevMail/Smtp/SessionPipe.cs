using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.IO;

namespace Gateway.DevMail.Smtp;

/// <summary>
/// One SMTP session's connection for the SmtpServer package, owning its socket and, after STARTTLS or on
/// the implicit-TLS port, its SslStream. The package's own pipe closes only the socket when a session ends
/// and leaves the SslStream (OpenSSL's state and buffers) to the finalizer; this one disposes both at once,
/// then gives the connection slot back.
/// </summary>
sealed class SessionPipe : ISecurableDuplexPipe
{
    readonly NetworkStream _network;
    readonly ConnectionCounts _counts;
    readonly Action _release;
    SslStream? _tls;
    int _disposed;

    public SessionPipe(Socket socket, ConnectionCounts counts, Action release)
    {
        _counts = counts;
        _release = release;
        _network = new NetworkStream(counts.Own(socket), ownsSocket: true);
        (Input, Output) = PipesOver(_network);
    }

    public PipeReader Input { get; private set; }
    public PipeWriter Output { get; private set; }
    public bool IsSecure => _tls != null;
    public SslProtocols SslProtocol => _tls?.SslProtocol ?? SslProtocols.None;

    // The pipes leave the stream open: the session's end disposes it, once, here.
    static (PipeReader, PipeWriter) PipesOver(Stream stream) =>
        (PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
         PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));

    public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
    {
        if (_tls != null)
            throw new InvalidOperationException("the session is already encrypted");
        var tls = new SslStream(_network, leaveInnerStreamOpen: true);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = false,
                EnabledSslProtocols = protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck, // no client certificate is asked for
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tls.Dispose();
            throw;
        }
        _tls = _counts.Own(tls);
        (Input, Output) = PipesOver(tls);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            _tls?.Dispose();
        }
        catch (IOException)
        {
            // The client left first: nothing to say goodbye to.
        }
        finally
        {
            _network.Dispose(); // and the socket
            _release();
        }
    }
}
