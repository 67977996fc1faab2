using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Fuzz.Support;
using Gateway.Mail.Imap;
using Gateway.Mail.Mime;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as everything an IMAP server answers in one session, as the command poller drives it:
/// greeting, login (AUTHENTICATE PLAIN, with or without SASL-IR, or LOGIN, as the capabilities say),
/// SELECT, UID SEARCH, UID FETCH of the headers and of the body streamed into the MIME reader, UID
/// STORE, expunge, IDLE with a wait and DONE, LOGOUT. Contracts: the search keeps at most
/// <see cref="ImapLimits.MaxSearchUids"/> UIDs, no literal grows past its limit, the MIME text stays
/// within its cap, and the password goes out only inside the login.
/// </summary>
public sealed class ImapTarget : IFuzzTarget
{
    const string Password = "Fuzz-Imap-Pw7";
    const long MaxMessage = 64 * 1024;

    public string Name => "imap";

    public string[] Instrument => ["Gateway.Mail.dll"];

    sealed class CountingSink(ILineSink next) : ILineSink
    {
        public long Bytes;

        public void Line(byte[] buffer, int offset, int count)
        {
            Bytes += count;
            next.Line(buffer, offset, count);
        }
    }

    public void Run(byte[] input)
    {
        var channel = new ByteChannel(input);
        var client = new ImapClient(new FixedConnector(channel), new ImapOptions
        {
            Host = "h", Port = 993, Tls = TlsMode.Implicit, User = "u", Password = Password, TimeoutMs = 1000,
        });
        var reader = new MimeReader(new MimeLimits { MaxTextChars = 4096, MaxHeaderBlock = 16 * 1024 });
        try
        {
            client.Connect();
            client.Select("INBOX");
            var uids = client.SearchUids("UNDELETED");
            if (uids.Length > ImapLimits.MaxSearchUids)
                throw new FuzzContractException("UID SEARCH kept " + uids.Length + " UIDs");
            var sink = new CountingSink(reader);
            reader.ReadHeadersOnly = true;
            client.FetchHeaders(1, "FROM SUBJECT", sink, MaxMessage);
            reader.Reset();
            reader.ReadHeadersOnly = false;
            client.FetchBody(1, sink, MaxMessage);
            reader.End();
            if (sink.Bytes > 2 * MaxMessage)
                throw new FuzzContractException("the sink was given " + sink.Bytes + " bytes for two fetches of at most " + MaxMessage);
            if (reader.Text.Length > 4096)
                throw new FuzzContractException("text of " + reader.Text.Length + " chars");
            client.AddFlags(1, "\\Seen \\Deleted");
            client.Expunge(1);
            if (client.CanIdle)
            {
                client.StartIdle();
                client.WaitIdle(0);
                client.StopIdle();
            }
            client.Logout();
        }
        finally
        {
            Check(Encoding.UTF8.GetString(channel.Written));
        }
    }

    /// <summary>The password appears only in the login line (LOGIN) or the SASL answer that carries it.</summary>
    static void Check(string written)
    {
        string plain = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0u\0" + Password));
        foreach (var line in written.Split("\r\n"))
        {
            bool login = line.Contains(" LOGIN ", StringComparison.Ordinal);
            if (line.Contains(Password, StringComparison.Ordinal) && !login)
                throw new FuzzContractException("the password went out outside LOGIN: " + line.Split(' ')[0]);
            if (line.Contains(plain, StringComparison.Ordinal) && !line.Contains(" AUTHENTICATE PLAIN ", StringComparison.Ordinal) && line != plain)
                throw new FuzzContractException("the PLAIN response went out in another command: " + line.Split(' ')[0]);
        }
    }

    public bool IsTypedError(Exception e) => e is ImapException or ChannelException;
}
