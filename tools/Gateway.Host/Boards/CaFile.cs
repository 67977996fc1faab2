using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Host.Boards;

/// <summary>
/// A CA file for the board: PEM certificates only (the device's mbedTLS parses PEM from the file as it is),
/// each one parseable, and no private key (a key has no business on a gateway's flash, and would be a secret).
/// </summary>
public static class CaFile
{
    const string CertificateBegin = "-----BEGIN CERTIFICATE-----";

    /// <summary>The number of certificates, or 0 with <paramref name="problem"/> saying what is wrong.</summary>
    public static int Check(string path, out string? problem)
    {
        problem = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: cannot read the CA certificate: {e.Message}";
            return 0;
        }
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            problem = $"{path}: holds a private key; a CA file for the board needs only certificates";
            return 0;
        }
        if (!text.Contains(CertificateBegin, StringComparison.Ordinal))
        {
            problem = $"{path}: not a PEM certificate (no \"{CertificateBegin}\" line; convert DER with `openssl x509 -inform der -in CA.cer -out ca.pem`)";
            return 0;
        }
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            problem = $"{path}: a certificate in it cannot be parsed: {e.Message}";
            return 0;
        }
        int count = certificates.Count;
        foreach (var certificate in certificates) certificate.Dispose();
        return count;
    }
}
