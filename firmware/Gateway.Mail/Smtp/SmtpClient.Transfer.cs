using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Mime;

namespace Gateway.Mail.Smtp;

/// <summary>The mail transaction of <see cref="SmtpClient"/>: MAIL, RCPT and DATA or BDAT, and what an envelope may hold.</summary>
public sealed partial class SmtpClient
{
    /// <summary>
    /// Composes <paramref name="message"/> for this server (8-bit body when it offers 8BITMIME, else
    /// quoted-printable) and sends it, connecting first when needed: the one way a whole message goes
    /// out (the outbox, the operator's tools). The message is composed into one buffer sized for it.
    /// </summary>
    /// <exception cref="System.ArgumentException">A header value the composer refuses (an address, an id): sending it again cannot help.</exception>
    public SmtpSendResult Send(OutgoingMessage message)
    {
        if (!IsConnected) Connect();
        var bytes = new ByteBuilder(512 + message.Body.Length + message.Body.Length / 4);
        var encoding = MessageComposer.Compose(message, (Capabilities & SmtpCapabilities.EightBitMime) != 0, bytes);
        return Send(message.From, message.To, bytes.Buffer, 0, bytes.Count, encoding == BodyEncoding.EightBit);
    }

    /// <summary>
    /// Sends one message. Returns only when the server accepted the end of data; a refusal or a
    /// lost connection before that throws, so a half-sent message is never counted as sent.
    /// </summary>
    /// <param name="eightBit">The message has 8-bit content (BODY=8BITMIME is declared; the server must offer it).</param>
    public SmtpSendResult Send(string from, string[] recipients, byte[] message, int offset, int count, bool eightBit)
    {
        if (_channel == null)
            throw new System.InvalidOperationException("not connected");
        try
        {
            return Transfer(from, recipients, message, offset, count, eightBit);
        }
        catch (ChannelException e)
        {
            Close();
            throw Translate(e);
        }
        catch (SmtpException e)
        {
            // A refusal with a reply leaves the session usable (RSET, next message); anything else ends it.
            bool usable = (e.Kind == SmtpErrorKind.Permanent || e.Kind == SmtpErrorKind.Transient) && e.Code != 0 && e.Code != 421;
            if (!usable)
                Close();
            throw;
        }
    }

    SmtpSendResult Transfer(string from, string[] recipients, byte[] message, int offset, int count, bool eightBit)
    {
        _stage = SmtpStage.MailFrom;
        CheckAddress(from, SmtpStage.MailFrom);
        if (recipients.Length == 0 || recipients.Length > SmtpLimits.MaxRecipients)
            throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.RcptTo, "a message needs 1 to " + Ascii.FromInt(SmtpLimits.MaxRecipients) + " recipients");
        for (int i = 0; i < recipients.Length; i++)
            CheckAddress(recipients[i], SmtpStage.RcptTo);
        if (eightBit && !Has(SmtpCapabilities.EightBitMime))
            throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.MailFrom, "the message is 8-bit but the server does not offer 8BITMIME");
        if (MaxMessageSize > 0 && count > MaxMessageSize)
            throw new SmtpException(SmtpErrorKind.Permanent, SmtpStage.MailFrom, "the message has " + Ascii.FromInt(count) + " bytes; the server takes at most " + Ascii.FromInt(MaxMessageSize));

        bool utf8 = Has(SmtpCapabilities.SmtpUtf8) && (!IsAscii(from) || AnyNonAscii(recipients));
        var results = new RecipientResult[recipients.Length];
        if (Has(SmtpCapabilities.Pipelining | SmtpCapabilities.Chunking) && IsCanonical(message, offset, count))
            return Chunked(from, recipients, message, offset, count, eightBit, utf8, results);
        SmtpReply mailReply;
        SmtpReply? dataReply = null;
        if (Has(SmtpCapabilities.Pipelining))
        {
            // RFC 2920: the whole envelope and DATA in one flight, then the replies in order.
            MailCommand(from, count, eightBit, utf8);
            for (int i = 0; i < recipients.Length; i++)
                RcptCommand(recipients[i]);
            Command("DATA");
            Flush();
            mailReply = ReadReply(false);
            _stage = SmtpStage.RcptTo;
            for (int i = 0; i < recipients.Length; i++)
                results[i] = new RecipientResult(recipients[i], ReadReply(false));
            _stage = SmtpStage.Data;
            dataReply = ReadReply(false);
            if (mailReply.Code != 250)
            {
                EndUnwantedData(dataReply);
                throw new SmtpException(SmtpStage.MailFrom, mailReply);
            }
        }
        else
        {
            MailCommand(from, count, eightBit, utf8);
            Flush();
            mailReply = ReadReply(false);
            if (mailReply.Code != 250)
                throw new SmtpException(SmtpStage.MailFrom, mailReply);
            _stage = SmtpStage.RcptTo;
            for (int i = 0; i < recipients.Length; i++)
            {
                RcptCommand(recipients[i]);
                Flush();
                results[i] = new RecipientResult(recipients[i], ReadReply(false));
            }
        }

        var refused = FirstRefused(results);
        bool anyAccepted = refused == null || AnyAccepted(results);
        _stage = SmtpStage.Data;
        if (!anyAccepted)
        {
            EndUnwantedData(dataReply);
            throw new SmtpException(SmtpStage.RcptTo, refused!);
        }
        if (dataReply == null)
            dataReply = Exchange("DATA");
        if (dataReply.Code != 354)
            throw new SmtpException(SmtpStage.Data, dataReply);

        _body.Reset();
        _body.Write(message, offset, count);
        _body.Finish();
        if (Logging)
        {
            Log("C: <" + Ascii.FromInt(count) + " bytes of message>");
            Log("C: .");
        }
        Flush();
        var final = ReadReply(true);
        if (final.Code != 250)
            throw new SmtpException(SmtpStage.Data, final);
        return new SmtpSendResult(results, final);
    }

    /// <summary>
    /// RFC 3030 CHUNKING with RFC 2920 PIPELINING: MAIL, RCPT and "BDAT n LAST" with the message's bytes
    /// in one flight, then the replies in order. The bytes go as they are (no dot-stuffing: the length
    /// frames them). The server reads the chunk whatever the envelope's fate (RFC 3030 2), so a refused
    /// envelope leaves the session usable; only a 250 to BDAT LAST counts the message as sent.
    /// </summary>
    SmtpSendResult Chunked(string from, string[] recipients, byte[] message, int offset, int count, bool eightBit, bool utf8, RecipientResult[] results)
    {
        MailCommand(from, count, eightBit, utf8);
        for (int i = 0; i < recipients.Length; i++)
            RcptCommand(recipients[i]);
        int mark = _writer.Pending;
        _writer.Write("BDAT ");
        _writer.WriteDecimal(count);
        _writer.Write(" LAST");
        EndCommand(mark);
        _writer.WriteBytes(message, offset, count);
        if (Logging)
            Log("C: <" + Ascii.FromInt(count) + " bytes of message>");
        Flush();
        var mailReply = ReadReply(false);
        _stage = SmtpStage.RcptTo;
        for (int i = 0; i < recipients.Length; i++)
            results[i] = new RecipientResult(recipients[i], ReadReply(false));
        _stage = SmtpStage.Data;
        var final = ReadReply(true);
        if (mailReply.Code != 250)
            throw new SmtpException(SmtpStage.MailFrom, mailReply);
        var refused = FirstRefused(results);
        if (refused != null && !AnyAccepted(results))
            throw new SmtpException(SmtpStage.RcptTo, refused);
        if (final.Code != 250)
            throw new SmtpException(SmtpStage.Data, final);
        return new SmtpSendResult(results, final);
    }

    /// <summary>
    /// The message can go as one BDAT chunk exactly as DATA would carry it: every line ends in CRLF (DATA's
    /// writer mends bare CR and LF, which a chunk counted in advance cannot), the last one included.
    /// </summary>
    static bool IsCanonical(byte[] b, int offset, int count)
    {
        if (count < 2 || b[offset + count - 2] != (byte)'\r' || b[offset + count - 1] != (byte)'\n')
            return false;
        int end = offset + count;
        for (int i = offset; i < end; i++)
        {
            if (b[i] == (byte)'\r' && (i + 1 == end || b[i + 1] != (byte)'\n')) return false;
            if (b[i] == (byte)'\n' && (i == offset || b[i - 1] != (byte)'\r')) return false;
        }
        return true;
    }

    /// <summary>
    /// A pipelined DATA that the server accepted although the envelope failed (RFC 2920 says it must
    /// not): end it with an empty body, which it must refuse for want of recipients.
    /// </summary>
    void EndUnwantedData(SmtpReply? dataReply)
    {
        if (dataReply == null || dataReply.Code != 354)
            return;
        Command(".");
        Flush();
        ReadReply(false);
    }

    /// <summary>MAIL FROM written in pieces: no string is built for it. Addresses were checked by <see cref="CheckAddress"/>.</summary>
    void MailCommand(string from, int size, bool eightBit, bool utf8)
    {
        int mark = _writer.Pending;
        _writer.Write("MAIL FROM:<");
        _writer.Write(from);
        _writer.Write(">");
        if (Has(SmtpCapabilities.Size))
        {
            _writer.Write(" SIZE=");
            _writer.WriteDecimal(size);
        }
        if (eightBit) _writer.Write(" BODY=8BITMIME");
        if (utf8) _writer.Write(" SMTPUTF8");
        EndCommand(mark);
    }

    void RcptCommand(string to)
    {
        int mark = _writer.Pending;
        _writer.Write("RCPT TO:<");
        _writer.Write(to);
        _writer.Write(">");
        EndCommand(mark);
    }

    /// <summary>An address goes between angle brackets on a command line: nothing may break out of them.</summary>
    static void CheckAddress(string address, SmtpStage stage)
    {
        int at = address.LastIndexOf('@');
        bool ok = at > 0 && at < address.Length - 1 && address.Length <= 254;
        for (int i = 0; ok && i < address.Length; i++)
        {
            char c = address[i];
            if (c <= ' ' || c == 0x7F || c == '<' || c == '>')
                ok = false;
        }
        if (!ok)
            throw new SmtpException(SmtpErrorKind.Permanent, stage, "not a usable mail address: \"" + Ascii.Excerpt(address, 80) + "\"");
    }

    static bool IsAscii(string s)
    {
        for (int i = 0; i < s.Length; i++)
            if (s[i] > 0x7F) return false;
        return true;
    }

    static bool AnyNonAscii(string[] list)
    {
        for (int i = 0; i < list.Length; i++)
            if (!IsAscii(list[i])) return true;
        return false;
    }

    static SmtpReply? FirstRefused(RecipientResult[] results)
    {
        for (int i = 0; i < results.Length; i++)
            if (!results[i].Accepted) return results[i].Reply;
        return null;
    }

    static bool AnyAccepted(RecipientResult[] results)
    {
        for (int i = 0; i < results.Length; i++)
            if (results[i].Accepted) return true;
        return false;
    }
}
