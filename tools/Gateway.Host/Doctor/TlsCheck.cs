using System.Security.Cryptography.X509Certificates;
using Gateway.App.Diagnostics;
using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// STARTTLS / STLS, or the implicit TLS handshake, with the certificate chain summarised: subject,
/// issuer, names, expiry and days left, what trusted it or why nothing did, and the key's pin.
/// </summary>
public static class TlsCheck
{
    /// <summary>Runs the upgrade the configuration asks for, STARTTLS/STLS through the gateway's client (which then asks for the capabilities again).</summary>
    public static StepResult Run(ProbeSession s)
    {
        var t = s.Target;
        if (t.Tls == TlsMode.None)
            return StepResult.Warn($"{t.Protocol}.tls = none: the password and the mail cross the network in clear",
                $"Use TLS: {t.Protocol}.tls = starttls or implicit, unless this is a test server.");
        try
        {
            if (t.Tls == TlsMode.StartTls && s.Smtp != null)
                s.Smtp.Establish(SmtpStage.StartTls);
            else if (t.Tls == TlsMode.StartTls && s.Imap != null)
                s.Imap.StartTls();
            else if (t.Tls == TlsMode.StartTls)
                s.Pop3!.StartTls();
            else
                s.Channel!.StartTls(t.Host); // implicit: before the greeting, as the device's connector does it
        }
        catch (Exception e) when (e is ChannelException or SmtpException or Pop3Exception or ImapException)
        {
            var channel = s.Channel!;
            var advice = DoctorAdvice.For(e, s);
            if (e.InnerException is not ChannelException && e is not ChannelException)
            {
                // Refused before any handshake: the port has no STARTTLS/STLS, or the server said no.
                bool notOffered = DoctorAdvice.Problem(e) is MailProblem.NoStartTls or MailProblem.NoStls or MailProblem.NoImapStartTls;
                return StepResult.Fail(notOffered ? $"the server does not offer {(t.IsSmtp || t.IsImap ? "STARTTLS" : "STLS")} on port {t.Port}" : e.Message, advice);
            }
            // The summary's "not verified" line already says why; the exception's text would repeat it.
            if (channel.PeerCertificate != null && channel.TrustRejection != null)
                return StepResult.Fail($"the certificate of {t.Host}:{t.Port} was not accepted\n" + Summary(channel), advice);
            return StepResult.Fail(e.Message + (channel.PeerCertificate == null ? "" : "\n" + Summary(channel)), advice);
        }
        var detail = s.Channel!.TlsDescription + "\n" + Summary(s.Channel);
        var leaf = s.Channel.PeerCertificate;
        if (leaf != null && (leaf.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays < 14)
            return StepResult.Warn(detail + "\nthe certificate expires within 14 days", "Tell the server's administrator: the certificate expires soon.");
        return StepResult.Pass(detail);
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

}
