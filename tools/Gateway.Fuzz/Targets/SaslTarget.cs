using System.Text;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Fuzz.Support;
using Gateway.Mail.Pop3;
using Gateway.Mail.Sasl;
using Gateway.Mail.Smtp;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The SASL exchange (and APOP) as both clients drive it. The first byte chooses the client and the
/// login: bit 0 POP3 (else SMTP), bits 1-2 the credential (0 password, 1 bearer token, 2 APOP,
/// 3 POP3 USER/PASS preferred); the rest is everything the server answers from its greeting on.
/// Whatever the challenges, the exchange ends (at most <see cref="SaslExchange.MaxChallenges"/>
/// answers, then "*"), and the password never crosses the wire in clear except after POP3's PASS.
/// </summary>
public sealed class SaslTarget : IFuzzTarget
{
    const string Password = "Fuzz-Secret-Pw9";
    const string Token = "ya29.fuzz-token";

    public string Name => "sasl";

    public string[] Instrument => ["Gateway.Mail.dll"];

    public void Run(byte[] input)
    {
        if (input.Length == 0)
            return;
        int selector = input[0];
        var channel = new ByteChannel(input.AsSpan(1).ToArray());
        var connector = new FixedConnector(channel);
        int credential = (selector >> 1) & 3;
        try
        {
            if ((selector & 1) != 0)
                new Pop3Client(connector, new Pop3Options
                {
                    Host = "h", Tls = TlsMode.Implicit, User = "u", Password = Password,
                    Token = credential == 1 ? Token : null, UseApop = credential == 2, PreferUserPass = credential == 3,
                }).Connect();
            else
                new SmtpClient(connector, new SmtpOptions
                {
                    Host = "h", Tls = TlsMode.Implicit, User = "u", Password = Password, Token = credential == 1 ? Token : null,
                }).Connect();
        }
        finally
        {
            Check(Encoding.UTF8.GetString(channel.Written));
        }
    }

    static void Check(string written)
    {
        var lines = written.Split("\r\n");
        int answers = 0;
        bool inAuth = false;
        foreach (var line in lines)
        {
            if (line.Contains(Password, StringComparison.Ordinal) && !line.StartsWith("PASS ", StringComparison.Ordinal))
                throw new FuzzContractException("the password went out in clear: " + line.Split(' ')[0]);
            if (line.StartsWith("AUTH ", StringComparison.Ordinal))
            {
                inAuth = true;
                answers = 0;
            }
            else if (inAuth && line.Length > 0 && ++answers > SaslExchange.MaxChallenges + 1)
            {
                throw new FuzzContractException(answers + " lines sent in one AUTH exchange");
            }
        }
    }

    public bool IsTypedError(Exception e) => e is SmtpException or Pop3Exception or ChannelException or LineTooLongException;
}
