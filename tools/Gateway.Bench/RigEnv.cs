using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Bench;

/// <summary>The running mail rig, as tests/mailrig/start described it in DIR/rig.env.</summary>
public sealed class RigEnv
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    readonly X509Certificate2Collection _ca = [];

    public RigEnv(string dir)
    {
        var file = Path.Combine(dir, "rig.env");
        if (!File.Exists(file))
            throw new FileNotFoundException($"no running mail rig at {dir} (start one: sudo bash tests/mailrig/start {dir})");
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            int eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0) continue;
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0])
                value = value[1..^1];
            _values[line[..eq]] = value;
        }
        _ca.ImportFromPemFile(CaPath);
    }

    string Get(string key) => _values.TryGetValue(key, out var v) ? v : throw new InvalidDataException("rig.env lacks " + key);

    public int SmtpPort => int.Parse(Get("RIG_SMTP_PORT"));
    public int SubmissionPort => int.Parse(Get("RIG_SUBMISSION_PORT"));
    public int SmtpsPort => int.Parse(Get("RIG_SMTPS_PORT"));
    public int Pop3Port => int.Parse(Get("RIG_POP3_PORT"));
    public int Pop3sPort => int.Parse(Get("RIG_POP3S_PORT"));
    public int ImapPort => int.Parse(Get("RIG_IMAP_PORT"));
    public int ImapsPort => int.Parse(Get("RIG_IMAPS_PORT"));
    public string DeviceUser => Get("RIG_DEVICE_USER");
    public string DevicePassword => Get("RIG_DEVICE_PASSWORD");
    public string OpsUser => Get("RIG_OPS_USER");
    public string OpsPassword => Get("RIG_OPS_PASSWORD");
    public string CaPath => Get("RIG_CA");

    /// <summary>MailKit's certificate check: the chain must end in the rig's own CA.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }
}
