using System.Security.Cryptography.X509Certificates;
using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// STARTTLS / STLS, or the implicit TLS handshake, with the certificate chain summarised: subject,
/// issuer, names, expiry and days left, what trusted it or why nothing did, and the key's pin.
/// </summary>
public static class TlsCheck
{
    /// <summary>Runs the upgrade the configuration asks for; for STARTTLS the capabilities are read again afterwards.</summary>
    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        if (t.Tls == TlsMode.None)
            return StepResult.Warn($"{t.Protocol}.tls = none: the password and the mail cross the network in clear",
                $"Use TLS: {t.Protocol}.tls = starttls or implicit, unless this is a test server.");
        if (t.Tls == TlsMode.StartTls)
        {
            var verb = t.IsSmtp ? "STARTTLS" : "STLS";
            if (!s.HasCapability(verb))
                return Failed(s, $"the server does not offer {verb} on port {t.Port}", $"Use the port where the server offers TLS (SMTP: 587 starttls or 465 implicit; POP3: 995 implicit or 110 with STLS).");
            s.Send(verb);
            if (t.IsSmtp)
            {
                var reply = s.ReadSmtp(SmtpStage.StartTls);
                if (reply.Code != 220)
                    return Failed(s, "STARTTLS refused: " + reply);
            }
            else
            {
                var line = s.ReadPop3Line();
                if (!line.StartsWith("+OK", StringComparison.Ordinal))
                    return Failed(s, "STLS refused: " + line);
            }
        }
        try
        {
            s.Channel!.StartTls(t.Host);
        }
        catch (ChannelException e)
        {
            var channel = s.Channel!;
            // The summary's "not verified" line already says why; the exception's text would repeat it.
            if (channel.PeerCertificate != null && channel.TrustRejection != null)
                return Failed(s, $"the certificate of {t.Host}:{t.Port} was not accepted\n" + Summary(channel));
            return Failed(s, e.Message + (channel.PeerCertificate == null ? "" : "\n" + Summary(channel)));
        }
        var detail = s.Channel.TlsDescription + "\n" + Summary(s.Channel);
        var leaf = s.Channel.PeerCertificate;
        if (leaf != null && (leaf.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays < 14)
            return StepResult.Warn(detail + "\nthe certificate expires within 14 days", "Tell the server's administrator: the certificate expires soon.");
        return StepResult.Pass(detail);
    }

    static StepResult Failed(ProbeSession s, string detail, string? advice = null)
    {
        s.TlsFailed = true;
        return StepResult.Fail(detail, advice);
    }

    /// <summary>The chain in a few lines: the leaf in full, the issuers by name, the verdict and the pin.</summary>
    public static string Summary(SocketChannel channel)
    {
        var leaf = channel.PeerCertificate!;
        var days = (int)Math.Floor((leaf.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays);
        var lines = new List<string>
        {
            $"subject: {leaf.Subject}",
            $"issuer: {leaf.Issuer}",
            $"names: {TlsTrust.Names(leaf)}",
            $"not after: {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC ({(days >= 0 ? days + " days left" : "expired " + -days + " days ago")})",
        };
        if (leaf.NotBefore.ToUniversalTime() > DateTime.UtcNow)
            lines.Add($"not before: {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC (not valid yet)");
        foreach (var c in channel.PeerChain.Skip(1))
            lines.Add($"chain: {c.Subject} (until {c.NotAfter.ToUniversalTime():yyyy-MM-dd})");
        lines.Add(channel.TrustRejection == null ? $"verified by: {channel.TrustedBy}" : $"not verified: {channel.TrustRejection}");
        lines.Add($"pin: sha256/{TlsTrust.PinOf(leaf)}");
        return string.Join("\n", lines);
    }

    /// <summary>After STARTTLS/STLS the server's capabilities change (AUTH usually appears only now): read them again.</summary>
    public static StepResult Rehello(ProbeSession s) => CapabilitiesCheck.Run(s);
}
