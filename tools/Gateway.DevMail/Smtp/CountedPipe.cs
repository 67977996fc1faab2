using System.IO.Pipelines;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.IO;

namespace Gateway.DevMail.Smtp;

/// <summary>A session's pipe that gives its connection slot back when the session ends.</summary>
sealed class CountedPipe(ISecurableDuplexPipe inner, Action release) : ISecurableDuplexPipe
{
    int _released;

    public PipeReader Input => inner.Input;
    public PipeWriter Output => inner.Output;
    public bool IsSecure => inner.IsSecure;
    public SslProtocols SslProtocol => inner.SslProtocol;

    public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
        inner.UpgradeAsync(certificate, protocols, cancellationToken);

    public void Dispose()
    {
        inner.Dispose();
        if (Interlocked.Exchange(ref _released, 1) == 0)
            release();
    }
}
