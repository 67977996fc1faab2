using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Fuzz.Support;
using Gateway.Mail.Smtp;

namespace Gateway.Fuzz.Targets;

/// <summary>The input as what a server answers: an EHLO reply, then replies to later commands, as SmtpClient reads them.</summary>
public sealed class SmtpReplyTarget : IFuzzTarget
{
    public string Name => "smtp-reply";

    public string[] Instrument => ["Gateway.Mail.dll"];

    public void Run(byte[] input)
    {
        var reader = new SmtpReplyReader(new LineReader(new ByteChannel(input), SmtpLimits.MaxReplyLine));
        for (int k = 0; k < 6; k++)
        {
            var reply = k == 0
                ? reader.ReadEhlo(SmtpStage.Hello, out _, out long maxSize)
                : reader.Read(SmtpStage.MailFrom + (k % 3), keepText: k % 2 == 0);
            if (reply.Code < 200 || reply.Code > 599)
                throw new FuzzContractException("reply code " + reply.Code + " outside 200-599");
            if (reply.Lines.Length > SmtpLimits.MaxReplyLines)
                throw new FuzzContractException("reply of " + reply.Lines.Length + " lines");
            _ = reply.ToString();
        }
    }

    public bool IsTypedError(Exception e) => e is SmtpException or ChannelException or LineTooLongException;
}
