using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Fuzz.Support;
using Gateway.Mail.Mime;
using Gateway.Mail.Pop3;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as everything a POP3 server answers in one session, as the command poller drives it:
/// greeting, CAPA, login, UIDL, TOP and RETR streamed into the MIME reader, DELE, QUIT.
/// </summary>
public sealed class Pop3Target : IFuzzTarget
{
    public string Name => "pop3";

    public string[] Instrument => ["Gateway.Mail.dll"];

    public void Run(byte[] input)
    {
        var client = new Pop3Client(new FixedConnector(new ByteChannel(input)), new Pop3Options
        {
            Host = "h", Tls = TlsMode.Implicit, User = "u", Password = "p", PreferUserPass = true,
        });
        var reader = new MimeReader(new MimeLimits { MaxTextChars = 4096, MaxHeaderBlock = 16 * 1024 });
        client.Connect();
        var uids = client.ListUids(10);
        if (uids.Length > 10)
            throw new FuzzContractException("UIDL gave " + uids.Length + " entries, asked for at most 10");
        client.Top(1, 0, reader, 16 * 1024);
        reader.Reset();
        client.Retrieve(1, reader, 64 * 1024);
        reader.End();
        if (reader.Text.Length > 4096)
            throw new FuzzContractException("text of " + reader.Text.Length + " chars");
        client.Delete(1);
        client.Quit();
    }

    public bool IsTypedError(Exception e) => e is Pop3Exception or ChannelException or LineTooLongException;
}
