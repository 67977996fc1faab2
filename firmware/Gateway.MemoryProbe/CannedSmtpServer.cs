namespace Gateway.MemoryProbe;

/// <summary>An SMTP server that accepts every mail: STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT.</summary>
public sealed class CannedSmtpServer : CannedServer
{
    readonly byte[] _greeting = Bytes("220 probe ESMTP\r\n");
    readonly byte[] _ehloClear = Bytes("250-probe\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-STARTTLS\r\n250 SIZE 10240000\r\n");
    readonly byte[] _ehloTls = Bytes("250-probe\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10240000\r\n");
    readonly byte[] _ready = Bytes("220 2.0.0 Ready to start TLS\r\n");
    readonly byte[] _authenticated = Bytes("235 2.7.0 Authentication successful\r\n");
    readonly byte[] _ok = Bytes("250 2.1.0 Ok\r\n");
    readonly byte[] _data = Bytes("354 End data with <CR><LF>.<CR><LF>\r\n");
    readonly byte[] _queued = Bytes("250 2.0.0 Ok: queued\r\n");
    readonly byte[] _bye = Bytes("221 2.0.0 Bye\r\n");
    readonly byte[] _unknown = Bytes("502 5.5.2 Error: command not recognized\r\n");
    bool _inData;

    /// <summary>Mails accepted (the "." that ends DATA).</summary>
    public int Mails { get; private set; }

    protected override void OnConnect()
    {
        _inData = false;
        Reply(_greeting);
    }

    protected override void OnLine(byte[] line, int length)
    {
        if (_inData)
        {
            if (length == 1 && line[0] == (byte)'.')
            {
                _inData = false;
                Mails++;
                Reply(_queued);
            }
            return;
        }
        if (Is(line, length, "EHLO")) Reply(IsEncrypted ? _ehloTls : _ehloClear);
        else if (Is(line, length, "STARTTLS")) Reply(_ready);
        else if (Is(line, length, "AUTH")) Reply(_authenticated);
        else if (Is(line, length, "MAIL") || Is(line, length, "RCPT") || Is(line, length, "RSET") || Is(line, length, "NOOP")) Reply(_ok);
        else if (Is(line, length, "DATA"))
        {
            _inData = true;
            Reply(_data);
        }
        else if (Is(line, length, "QUIT")) Reply(_bye);
        else Reply(_unknown);
    }
}
