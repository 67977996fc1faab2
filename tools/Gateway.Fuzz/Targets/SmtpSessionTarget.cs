using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Fuzz.Support;
using Gateway.Mail.Smtp;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as everything an SMTP server answers in one session, as the outbox drives the client:
/// greeting, EHLO (or HELO), AUTH, two messages (pipelined or not, as EHLO said) with RSET between,
/// QUIT. Hostile replies must end in an <see cref="SmtpException"/>, never a wrong "sent".
/// </summary>
public sealed class SmtpSessionTarget : IFuzzTarget
{
    static readonly byte[] Message = "Subject: x\r\n\r\n.leading dot\r\nbody\r\n"u8.ToArray();

    public string Name => "smtp-session";

    public string[] Instrument => ["Gateway.Mail.dll"];

    public void Run(byte[] input)
    {
        var client = new SmtpClient(new FixedConnector(new ByteChannel(input)), new SmtpOptions
        {
            Host = "h", Tls = TlsMode.Implicit, User = "u", Password = "p", HeloName = "dev.local",
        });
        client.Connect();
        for (int i = 0; i < 2; i++)
        {
            var result = client.Send("dev@example.com", ["a@example.com", "b@example.com"], Message, 0, Message.Length, false);
            if (result.FinalReply.Code != 250)
                throw new FuzzContractException("a message counted as sent on " + result.FinalReply.Code);
            if (result.Recipients.Length != 2)
                throw new FuzzContractException(result.Recipients.Length + " recipient results for 2 recipients");
            client.Reset();
        }
        client.Quit();
    }

    public bool IsTypedError(Exception e) => e is SmtpException or ChannelException or LineTooLongException;
}
