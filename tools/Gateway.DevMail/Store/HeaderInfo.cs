using System.Text;
using Gateway.Mail.Mime;

namespace Gateway.DevMail;

/// <summary>Message-ID and Subject from a message's header, for the timeline. Reads at most <see cref="MaxHeaderBytes"/>.</summary>
static class HeaderInfo
{
    public const int MaxHeaderBytes = 64 * 1024;

    public static (string? MessageId, string? Subject) Read(ReadOnlySpan<byte> message)
    {
        int end = HeaderEnd(message);
        var header = Encoding.UTF8.GetString(message[..Math.Min(end, MaxHeaderBytes)]);
        string? id = null, subject = null;
        // Unfold: a line starting with blank continues the previous field (RFC 5322 2.2.3).
        var unfolded = header.Replace("\r\n ", " ").Replace("\r\n\t", " ");
        foreach (var line in unfolded.Split("\r\n"))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (id == null && name.Equals("Message-ID", StringComparison.OrdinalIgnoreCase))
                id = value.Trim('<', '>');
            else if (subject == null && name.Equals("Subject", StringComparison.OrdinalIgnoreCase))
                subject = EncodedWord.Decode(value);
        }
        return (id, subject);
    }

    /// <summary>The offset of the blank line that ends the header (or the whole length if none).</summary>
    public static int HeaderEnd(ReadOnlySpan<byte> message)
    {
        if (message.Length >= 2 && message[0] == '\r' && message[1] == '\n') return 0;
        int i = message.IndexOf("\r\n\r\n"u8);
        return i < 0 ? message.Length : i + 2;
    }
}
