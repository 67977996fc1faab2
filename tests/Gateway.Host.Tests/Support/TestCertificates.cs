using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Host.Tests.Support;

/// <summary>Self-signed certificates made in the test, as the mail rig makes its own with openssl.</summary>
public static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string dnsName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool includeLoopbackIp = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        if (includeLoopbackIp) san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var cert = req.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
        // SslStream on Linux wants the key in an exportable PKCS#12 form.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate as a PEM file, as `smtp.ca` expects.</summary>
    public static string WritePem(X509Certificate2 cert)
    {
        var path = Path.Combine(Path.GetTempPath(), "gateway-test-ca-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, cert.ExportCertificatePem());
        return path;
    }
}
