using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.DevMail;

/// <summary>
/// The mailbox's TLS identity: a small private CA (kept in <c>DIR/tls/</c> so a board configured
/// with its <c>ca.pem</c> stays valid across restarts) and a server certificate it signs at each
/// start, for localhost, 127.0.0.1, the bind address and an optional extra name. Clients trust
/// <see cref="CaPemPath"/> (the gateway's <c>smtp.ca</c> / <c>pop3.ca</c>).
/// </summary>
public sealed class DevCertificate
{
    DevCertificate(X509Certificate2 server, string caPemPath, X509Certificate2 ca)
    {
        ServerCertificate = server;
        CaPemPath = caPemPath;
        CaCertificate = ca;
    }

    /// <summary>The server's certificate with its private key, for SslStream.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA that signed it (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The PEM file clients should trust.</summary>
    public string CaPemPath { get; }

    public static DevCertificate Create(string directory, string? extraName, IPAddress bindAddress)
    {
        var tls = Path.Combine(directory, "tls");
        Directory.CreateDirectory(tls);
        var caPem = Path.Combine(tls, "ca.pem");
        var caKey = Path.Combine(tls, "ca.key");
        var ca = LoadCa(caPem, caKey) ?? MakeCa(caPem, caKey);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + (extraName ?? "localhost") + ", O=Gateway DevMail", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        if (!IPAddress.Any.Equals(bindAddress) && !IPAddress.IsLoopback(bindAddress))
            san.AddIpAddress(bindAddress);
        if (extraName != null)
        {
            if (IPAddress.TryParse(extraName, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(extraName);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddDays(30), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a certificate SslStream can use on every platform (Windows needs a stored key).
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var caPublic = X509CertificateLoader.LoadCertificate(ca.RawData);
        ca.Dispose();
        return new DevCertificate(server, caPem, caPublic);
    }

    static X509Certificate2? LoadCa(string caPem, string caKey)
    {
        if (!File.Exists(caPem) || !File.Exists(caKey)) return null;
        try
        {
            var ca = X509Certificate2.CreateFromPemFile(caPem, caKey);
            if (ca.NotAfter.ToUniversalTime() < DateTime.UtcNow.AddDays(31)) return null; // would outlive its signer
            return ca;
        }
        catch (CryptographicException)
        {
            return null; // unreadable: make a fresh one
        }
    }

    static X509Certificate2 MakeCa(string caPem, string caKey)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Gateway DevMail local CA, O=Gateway DevMail", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));
        File.WriteAllText(caKey + ".tmp", key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(caKey + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(caKey + ".tmp", caKey, overwrite: true);
        File.WriteAllText(caPem + ".tmp", ca.ExportCertificatePem() + "\n");
        File.Move(caPem + ".tmp", caPem, overwrite: true);
        return ca;
    }
}
