using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// The quoted-printable transfer encoding (RFC 2045 section 6.7). The encoder keeps CRLF as hard line
/// breaks and writes everything else so that no encoded line is longer than 76 characters; for the
/// decoder of incoming bodies see <see cref="QuotedPrintableDecoder"/>.
/// </summary>
public static class QuotedPrintable
{
    /// <summary>RFC 2045 6.7 (5): encoded lines are at most 76 characters, the soft break's '=' included.</summary>
    public const int MaxLineLength = 76;

    const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes bytes; CRLF pairs stay line breaks, a bare CR or LF is encoded as =0D / =0A.</summary>
    public static void Encode(byte[] src, int offset, int count, ByteBuilder output)
    {
        int end = offset + count;
        int column = 0;
        for (int i = offset; i < end; i++)
        {
            int b = src[i];
            if (b == '\r' && i + 1 < end && src[i + 1] == '\n')
            {
                output.Append((byte)'\r');
                output.Append((byte)'\n');
                column = 0;
                i++;
                continue;
            }
            bool lastOnLine = i + 1 == end || (src[i + 1] == '\r' && i + 2 < end && src[i + 2] == '\n');
            bool literal = Ascii.IsBlank(b)
                ? !lastOnLine // rule (3): white space at the end of a line is encoded, transports may strip it
                : b >= 33 && b <= 126 && b != '=';
            int width = literal ? 1 : 3;
            // A line that goes on needs one column left for the soft break's '='; an =XX is never split.
            if (column + width > (lastOnLine ? MaxLineLength : MaxLineLength - 1))
            {
                output.Append((byte)'=');
                output.Append((byte)'\r');
                output.Append((byte)'\n');
                column = 0;
            }
            if (literal)
            {
                output.Append((byte)b);
            }
            else
            {
                output.Append((byte)'=');
                output.Append((byte)HexDigits[b >> 4]);
                output.Append((byte)HexDigits[b & 0xF]);
            }
            column += width;
        }
    }

    public static byte[] Encode(byte[] src)
    {
        var output = new ByteBuilder(src.Length + src.Length / 8 + 16);
        Encode(src, 0, src.Length, output);
        return output.ToArray();
    }

    /// <summary>Decodes a whole body; see <see cref="QuotedPrintableDecoder"/> for the rules and for chunks.</summary>
    public static byte[] Decode(byte[] src, int offset, int count)
    {
        var decoder = new QuotedPrintableDecoder();
        var dest = new byte[count + QuotedPrintableDecoder.MaxHeld];
        int n = decoder.Decode(src, offset, count, dest, 0);
        n += decoder.Finish(dest, n);
        var result = new byte[n];
        System.Array.Copy(dest, 0, result, 0, n);
        return result;
    }

    public static byte[] Decode(byte[] src) => Decode(src, 0, src.Length);
}
