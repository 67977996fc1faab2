using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Host.Net;

/// <summary>
/// Decides whether a server certificate is trusted: the system store first, then the CA file from
/// the configuration (`smtp.ca`, `pop3.ca`), e.g. the test rig's self-signed certificate. A name
/// mismatch is never forgiven. The reason for a refusal is kept so the error can say it. With a pin
/// (`smtp.pin`, `pop3.pin`: the base64 SHA-256 of the server's SubjectPublicKeyInfo) the certificate
/// is accepted iff its key matches the pin, whatever its chain; the name is still checked.
/// </summary>
public sealed class TlsTrust
{
    readonly X509Certificate2Collection _extraRoots = [];

    public TlsTrust(string? caPemPath = null, string? pin = null)
    {
        CaPemPath = caPemPath;
        Pin = pin == null ? null : NormalisePin(pin);
        if (caPemPath != null)
        {
            try
            {
                _extraRoots.ImportFromPemFile(caPemPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new ArgumentException($"cannot read the CA file '{caPemPath}': {e.Message}", e);
            }
            if (_extraRoots.Count == 0)
                throw new ArgumentException($"the CA file '{caPemPath}' holds no PEM certificate");
        }
    }

    public string? CaPemPath { get; }

    /// <summary>The certificates a check holds: those its own chain built, until the check disposes them.</summary>
    public OwnedCounts Owned { get; } = new();

    /// <summary>The pinned key's SHA-256 in base64, or null when no pin is configured.</summary>
    public string? Pin { get; }

    /// <summary>The base64 SHA-256 of a certificate's SubjectPublicKeyInfo: the value of `smtp.pin`.</summary>
    public static string PinOf(X509Certificate2 cert) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(cert.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>True when <paramref name="pin"/> is a base64 SHA-256 (32 bytes), with or without "sha256/" in front.</summary>
    public static bool IsValidPin(string pin)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(NormalisePin(pin), bytes, out int n) && n == 32;
    }

    // "sha256/..." (as HPKP and curl print it) and the bare base64 both mean the same key.
    static string NormalisePin(string pin)
    {
        var p = pin.Trim();
        return p.StartsWith("sha256/", StringComparison.OrdinalIgnoreCase) ? p.Substring(7) : p;
    }

    /// <summary>Checks one handshake's certificate. Returns null when trusted, else why not.</summary>
    public string? Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => Check(certificate, chain, errors, out _);

    /// <summary>As <see cref="Check(X509Certificate?, X509Chain?, SslPolicyErrors)"/>, saying what trusted it: "system store", the CA file, or "pin".</summary>
    public string? Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, out string trustedBy)
    {
        trustedBy = "";
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return "the server sent no certificate";
        var copy = certificate as X509Certificate2 == null ? new X509Certificate2(certificate) : null;
        try
        {
            return Decide(copy ?? (X509Certificate2)certificate, chain, errors, ref trustedBy);
        }
        finally
        {
            copy?.Dispose();
        }
    }

    string? Decide(X509Certificate2 cert, X509Chain? chain, SslPolicyErrors errors, ref string trustedBy)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            return $"the certificate is for {Names(cert)}, not for the host that was dialled";
        if (Pin != null)
        {
            var actual = PinOf(cert);
            if (!string.Equals(actual, Pin, StringComparison.Ordinal))
                return $"the server's key sha256/{actual} does not match the pin sha256/{Pin}";
            trustedBy = "pin";
            return null;
        }
        if (errors == SslPolicyErrors.None)
        {
            trustedBy = "system store";
            return null;
        }

        if (_extraRoots.Count == 0)
            return "the certificate is not trusted by the system store: " + Describe(chain) + " (set a CA file in the configuration for a private server)";

        using var custom = new X509Chain();
        try
        {
            return CheckWithCaFile(cert, chain, custom, ref trustedBy);
        }
        finally
        {
            // Build made these certificates; disposing the chain leaves them to the finalizer.
            foreach (var element in custom.ChainElements)
                element.Certificate.Dispose();
        }
    }

    string? CheckWithCaFile(X509Certificate2 cert, X509Chain? chain, X509Chain custom, ref string trustedBy)
    {
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain != null)
            foreach (var element in chain.ChainElements)
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        bool built = custom.Build(cert);
        foreach (var element in custom.ChainElements)
            Owned.Own(element.Certificate);
        if (built)
        {
            trustedBy = CaPemPath!;
            return null;
        }
        return $"the certificate is trusted neither by the system store nor by {CaPemPath}: " + Describe(custom);
    }

    static string Describe(X509Chain? chain)
    {
        if (chain == null || chain.ChainStatus.Length == 0)
            return "no chain to a trusted root";
        var parts = new List<string>();
        foreach (var s in chain.ChainStatus)
            parts.Add(s.Status + (string.IsNullOrWhiteSpace(s.StatusInformation) ? "" : " (" + s.StatusInformation.Trim() + ")"));
        return string.Join(", ", parts.Distinct());
    }

    /// <summary>The DNS names and addresses a certificate is for (its SANs, else its common name).</summary>
    public static string Names(X509Certificate2 cert)
    {
        var names = new List<string>();
        foreach (var ext in cert.Extensions)
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        if (names.Count == 0)
            names.Add(cert.GetNameInfo(X509NameType.SimpleName, false));
        return string.Join(", ", names);
    }
}
