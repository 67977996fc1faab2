using Gateway.Mail.Mime;

namespace Gateway.Core.Tests.Mail.Mime.Reader;

/// <summary>Hands a message to a reader as the POP3 client does: a line at a time, without CRLF.</summary>
public static class MimeFeed
{
    public static MimeReader Read(byte[] message, MimeLimits? limits = null, bool headersOnly = false)
    {
        var reader = new MimeReader(limits ?? new MimeLimits()) { ReadHeadersOnly = headersOnly };
        Lines(reader, message);
        reader.End();
        return reader;
    }

    /// <summary>Feeds each CRLF-terminated line (a bare LF also ends one); a last line without break too.</summary>
    public static void Lines(MimeReader reader, byte[] message)
    {
        int start = 0;
        for (int i = 0; i < message.Length; i++)
        {
            if (message[i] != '\n') continue;
            int end = i > start && message[i - 1] == '\r' ? i - 1 : i;
            reader.Line(message, start, end - start);
            start = i + 1;
        }
        if (start < message.Length) reader.Line(message, start, message.Length - start);
    }
}
