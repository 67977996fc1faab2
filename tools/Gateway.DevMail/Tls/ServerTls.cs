using System.Net.Security;
using System.Security.Authentication;

namespace Gateway.DevMail;

/// <summary>The server's TLS handshake for POP3 and IMAP (implicit, or after STLS/STARTTLS): TLS 1.2 or 1.3, bounded by the I/O timeout.</summary>
static class ServerTls
{
    /// <summary>The TLS stream over <paramref name="inner"/> once the handshake is done; a failed handshake's stream is disposed here.</summary>
    public static async Task<SslStream> AuthenticateAsync(Stream inner, DevCertificate certificate, TimeSpan timeout, CancellationToken stop)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stop);
            handshake.CancelAfter(timeout);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate.ServerCertificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = false,
            }, handshake.Token).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            tls.Dispose(); // a failed handshake's stream is not the session's: nothing else would dispose it
            throw;
        }
    }
}
