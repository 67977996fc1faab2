using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Interop.Tests.Rig;

/// <summary>
/// Certificate validation that trusts exactly one self-signed certificate (the rig's DIR/ca.pem):
/// the server's chain must end in it and the host name must match; nothing else is accepted.
/// </summary>
public sealed class RigTls : IDisposable
{
    private readonly X509Certificate2 _trusted;

    public RigTls(X509Certificate2 trusted) => _trusted = trusted;

    public static RigTls FromPemFile(string path) =>
        new(X509Certificate2.CreateFromPem(File.ReadAllText(path)));

    public X509Certificate2 Trusted => _trusted;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        // A name mismatch or a missing certificate is never acceptable; chain errors are expected
        // (the rig's certificate is in no system store) and are re-checked against the rig's CA.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        var leaf = certificate as X509Certificate2;
        var owned = leaf is null;
        leaf ??= X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.Add(_trusted);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            custom.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
            if (!custom.Build(leaf))
            {
                return false;
            }

            var root = custom.ChainElements[^1].Certificate;
            return root.RawData.AsSpan().SequenceEqual(_trusted.RawData);
        }
        finally
        {
            if (owned)
            {
                leaf.Dispose();
            }
        }
    }

    public void Dispose() => _trusted.Dispose();
}
