using Gateway.Core.Net;
using Gateway.Host.Net;
using Gateway.Mail.Imap;
using Gateway.Mail.Pop3;
using Gateway.Mail.Smtp;

namespace Gateway.Host.Doctor;

/// <summary>
/// The state one server's checks share: the connection the doctor opened (so it can show the TLS
/// handshake and the certificate), the gateway's own client on that connection (the same code the
/// device runs, stepped one step at a time), and what the steps learned (addresses, greeting time).
/// </summary>
public sealed class ProbeSession(DoctorTarget target)
{
    public DoctorTarget Target { get; } = target;
    public System.Net.IPAddress[] Addresses { get; set; } = [];
    public SocketChannel? Channel { get; private set; }
    public long GreetingMs { get; set; }
    public DateTimeOffset? ServerTime { get; set; }

    /// <summary>The SMTP client, once the greeting step made it (SMTP targets).</summary>
    public SmtpClient? Smtp { get; private set; }

    /// <summary>The POP3 client, once the greeting step made it (POP3 targets).</summary>
    public Pop3Client? Pop3 { get; private set; }

    /// <summary>The IMAP client, once the greeting step made it (IMAP targets).</summary>
    public ImapClient? Imap { get; private set; }

    public void Attach(SocketChannel channel) => Channel = channel;

    /// <summary>Makes the gateway's client for this target on the connection the doctor opened.</summary>
    public void MakeClient()
    {
        var t = Target;
        var connector = new OpenedConnector(Channel!);
        if (t.IsSmtp)
            Smtp = new SmtpClient(connector, new SmtpOptions
            {
                Host = t.Host, Port = t.Port, Tls = t.Tls, User = t.User, Password = t.Password, Token = t.Token,
                AllowPlainAuth = t.AllowPlainAuth, HeloName = t.HeloName, TimeoutMs = t.TimeoutMs,
            });
        else if (t.IsImap)
            Imap = new ImapClient(connector, new ImapOptions
            {
                Host = t.Host, Port = t.Port, Tls = t.Tls, User = t.User, Password = t.Password, Token = t.Token,
                AllowPlainAuth = t.AllowPlainAuth, TimeoutMs = t.TimeoutMs,
            });
        else
            Pop3 = new Pop3Client(connector, new Pop3Options
            {
                Host = t.Host, Port = t.Port, Tls = t.Tls, User = t.User, Password = t.Password, Token = t.Token,
                AllowPlainAuth = t.AllowPlainAuth, UseApop = t.UseApop, TimeoutMs = t.TimeoutMs,
            });
    }

    /// <summary>QUIT (LOGOUT) through the client when there is one, then the connection closes.</summary>
    public void Close()
    {
        if (Smtp != null) Smtp.Quit();
        else if (Pop3 != null) Pop3.Quit();
        else if (Imap != null) Imap.Logout();
        Channel?.Close();
        Channel?.ReleasePeerCertificates();
        Channel = null;
    }

    /// <summary>Hands the client the connection the doctor already opened (and, for implicit TLS, secured).</summary>
    sealed class OpenedConnector(IChannel channel) : IConnector
    {
        public IChannel Connect(string host, int port, TlsMode tls, int timeoutMs) => channel;
    }
}
