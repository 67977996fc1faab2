using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Writes an <see cref="OutgoingMessage"/> as an RFC 5322 / MIME text/plain message with CRLF line ends,
/// ready for <c>SmtpClient.Send</c>. Every header value is validated or encoded first, so nothing in
/// it can start a new header line (or, through DATA, an SMTP command): addresses and message ids that
/// are not plain ASCII atoms are refused, and subjects and display names with control or non-ASCII
/// characters are sent as RFC 2047 encoded words. Header lines are folded to 78 characters where the
/// content allows (RFC 5322 2.1.1) and never reach 998.
/// </summary>
public static class MessageComposer
{
    /// <summary>RFC 5322 2.1.1: header lines SHOULD be at most 78 characters...</summary>
    public const int PreferredLineLength = 78;

    /// <summary>...and MUST be at most 998, as must body lines sent as 7bit or 8bit (RFC 2045 2.7, 2.8).</summary>
    public const int MaxLineLength = 998;

    /// <summary>RFC 5321 4.5.3.1.3: a path holds at most 256 octets, so an address at most 254.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>Our bound for message ids (RFC 5322 sets none): long enough for any real one, far from 998.</summary>
    public const int MaxMessageIdLength = 250;

    /// <summary>A display name longer than this that needs quoting is sent as encoded words, which fold.</summary>
    const int MaxQuotedName = 60;

    /// <summary>An unstructured word this long cannot be folded below 998: the text is sent as encoded words.</summary>
    const int MaxPlainWord = 900;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static string[]? s_dayNames;
    static string[] DayNames => s_dayNames ?? (s_dayNames = new string[] { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" });
    static string[]? s_monthNames;
    static string[] MonthNames => s_monthNames ?? (s_monthNames = new string[] { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" });

    /// <exception cref="ArgumentException">An address or message id is not usable; the message names the header.</exception>
    public static byte[] Compose(OutgoingMessage m, bool eightBitAllowed) => Compose(m, eightBitAllowed, out _);

    /// <param name="encoding">The body's transfer encoding: <see cref="BodyEncoding.EightBit"/> exactly when the
    /// message must be sent with BODY=8BITMIME (the <c>eightBit</c> argument of <c>SmtpClient.Send</c>).</param>
    public static byte[] Compose(OutgoingMessage m, bool eightBitAllowed, out BodyEncoding encoding)
    {
        var output = new ByteBuilder(1024 + m.Body.Length + m.Body.Length / 4);
        encoding = Compose(m, eightBitAllowed, output);
        return output.ToArray();
    }

    /// <summary>
    /// Appends the message to <paramref name="output"/> (whose maximum size bounds it) and returns the
    /// body's transfer encoding. Nothing is written when a header value is refused.
    /// </summary>
    /// <exception cref="ArgumentException">An address or message id is not usable; the message names the header.</exception>
    /// <exception cref="SizeLimitException">The message is larger than the output's maximum size; the output then
    /// holds part of it and should be cleared.</exception>
    public static BodyEncoding Compose(OutgoingMessage m, bool eightBitAllowed, ByteBuilder output)
    {
        Validate(m);
        var encoding = ChooseEncoding(m.Body, eightBitAllowed);

        AppendDate(output, m.DateUtc);
        AppendFrom(output, m.From, m.FromName);
        AppendList(output, "To", m.To, false);
        int column = AppendName(output, "Subject");
        if (EncodedWord.NeedsEncoding(m.Subject) || HasLongWord(m.Subject))
            EncodedWord.Encode(m.Subject, column, output);
        else
            AppendUnstructured(output, column, m.Subject);
        AppendCrlf(output);
        AppendName(output, "Message-ID");
        AppendMessageId(output, m.MessageId);
        AppendCrlf(output);
        if (m.InReplyTo != null)
        {
            AppendName(output, "In-Reply-To");
            AppendMessageId(output, m.InReplyTo);
            AppendCrlf(output);
        }
        if (m.References != null && m.References.Length > 0)
            AppendList(output, "References", m.References, true);
        if (m.AutoSubmitted)
            output.AppendAscii("Auto-Submitted: auto-generated\r\n"); // RFC 3834 section 5
        output.AppendAscii("MIME-Version: 1.0\r\n");
        output.AppendAscii("Content-Type: text/plain; charset=utf-8\r\n");
        output.AppendAscii(encoding == BodyEncoding.SevenBit ? "Content-Transfer-Encoding: 7bit\r\n"
            : encoding == BodyEncoding.EightBit ? "Content-Transfer-Encoding: 8bit\r\n"
            : "Content-Transfer-Encoding: quoted-printable\r\n");
        AppendCrlf(output);

        if (encoding == BodyEncoding.QuotedPrintable)
        {
            var plain = new ByteBuilder(m.Body.Length + 16);
            AppendBody(plain, m.Body);
            QuotedPrintable.Encode(plain.Buffer, 0, plain.Count, output);
        }
        else
        {
            AppendBody(output, m.Body);
        }
        return encoding;
    }

    /// <summary>
    /// Whether a composed message has 8-bit content. Its headers are always ASCII (encoded words,
    /// validated addresses), so this is true exactly for a body sent as <see cref="BodyEncoding.EightBit"/>.
    /// </summary>
    public static bool IsEightBit(byte[] composed, int offset, int count)
    {
        for (int i = offset; i < offset + count; i++)
            if (composed[i] >= 0x80) return true;
        return false;
    }

    public static bool IsEightBit(byte[] composed) => IsEightBit(composed, 0, composed.Length);

    static void Validate(OutgoingMessage m)
    {
        CheckAddress("From", m.From);
        if (m.To.Length == 0)
            throw new ArgumentException("To: at least one recipient is needed");
        for (int i = 0; i < m.To.Length; i++)
            CheckAddress("To", m.To[i]);
        CheckMessageId("Message-ID", m.MessageId);
        if (m.InReplyTo != null)
            CheckMessageId("In-Reply-To", m.InReplyTo);
        if (m.References != null)
            for (int i = 0; i < m.References.Length; i++)
                CheckMessageId("References", m.References[i]);
    }

    /// <summary>
    /// 7bit for ASCII, 8bit for UTF-8 when allowed, as long as no line (in UTF-8 octets, CRLF excluded)
    /// passes 998 and there is no NUL (RFC 2045 2.7, 2.8); quoted-printable otherwise.
    /// </summary>
    static BodyEncoding ChooseEncoding(string body, bool eightBitAllowed)
    {
        bool nonAscii = false;
        int line = 0;
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\r' || c == '\n')
            {
                line = 0;
                continue;
            }
            if (c == 0)
                return BodyEncoding.QuotedPrintable;
            if (c < 0x80)
            {
                line++;
            }
            else
            {
                nonAscii = true;
                if (c < 0x800) line += 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < body.Length && Utf8.CharAt(body, i + 1) >= 0xDC00 && Utf8.CharAt(body, i + 1) <= 0xDFFF) { line += 4; i++; }
                else line += 3;
            }
            if (line > MaxLineLength)
                return BodyEncoding.QuotedPrintable;
        }
        if (!nonAscii) return BodyEncoding.SevenBit;
        return eightBitAllowed ? BodyEncoding.EightBit : BodyEncoding.QuotedPrintable;
    }

    /// <summary>The body as UTF-8 with every CRLF, LF or bare CR written as CRLF, ending with CRLF.</summary>
    static void AppendBody(ByteBuilder output, string body)
    {
        int run = 0;
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != '\r' && c != '\n') continue;
            output.AppendUtf8(body, run, i - run);
            AppendCrlf(output);
            if (c == '\r' && i + 1 < body.Length && body[i + 1] == '\n') i++;
            run = i + 1;
        }
        if (run < body.Length)
        {
            output.AppendUtf8(body, run, body.Length - run);
            AppendCrlf(output);
        }
    }

    /// <summary>"Date: Fri, 27 Nov 2026 02:19:12 +0000" (RFC 5322 3.3), the names written here so no culture applies.</summary>
    static void AppendDate(ByteBuilder output, DateTime d)
    {
        // Written in pieces: a device composes many of these and each string would be garbage.
        output.AppendAscii("Date: ");
        output.AppendAscii(DayNames[(int)d.DayOfWeek]);
        output.AppendAscii(", ");
        output.AppendDecimal(d.Day, 1);
        output.Append((byte)' ');
        output.AppendAscii(MonthNames[d.Month - 1]);
        output.Append((byte)' ');
        output.AppendDecimal(d.Year, 4);
        output.Append((byte)' ');
        output.AppendDecimal(d.Hour, 2);
        output.Append((byte)':');
        output.AppendDecimal(d.Minute, 2);
        output.Append((byte)':');
        output.AppendDecimal(d.Second, 2);
        output.AppendAscii(" +0000\r\n");
    }

    static void AppendFrom(ByteBuilder output, string address, string? name)
    {
        int column = AppendName(output, "From");
        if (name == null || name.Length == 0)
        {
            output.AppendAscii(address);
            AppendCrlf(output);
            return;
        }
        if (EncodedWord.NeedsEncoding(name) || HasLongWord(name))
            column = EncodedWord.Encode(name, column, output);
        else if (IsAtoms(name))
            column = AppendUnstructured(output, column, name);
        else if (name.Length > MaxQuotedName)
            column = EncodedWord.Encode(name, column, output);
        else
            column = AppendQuoted(output, column, name);

        if (column + 1 + address.Length + 2 > PreferredLineLength)
        {
            Fold(output);
            column = 1;
        }
        else
        {
            output.Append((byte)' ');
        }
        output.Append((byte)'<');
        output.AppendAscii(address);
        output.Append((byte)'>');
        AppendCrlf(output);
    }

    /// <summary>
    /// "Name: a, b, c" for addresses or "Name: &lt;a&gt; &lt;b&gt;" for message ids, folded between items.
    /// </summary>
    static void AppendList(ByteBuilder output, string header, string[] items, bool messageIds)
    {
        int column = AppendName(output, header);
        for (int i = 0; i < items.Length; i++)
        {
            int width = items[i].Length + (messageIds ? 2 : 0) + (messageIds || i + 1 == items.Length ? 0 : 1);
            if (i > 0)
            {
                if (!messageIds)
                {
                    output.Append((byte)',');
                    column++;
                }
                if (column + 1 + width > PreferredLineLength)
                {
                    Fold(output);
                    column = 1;
                }
                else
                {
                    output.Append((byte)' ');
                    column++;
                }
            }
            if (messageIds) AppendMessageId(output, items[i]);
            else output.AppendAscii(items[i]);
            column += items[i].Length + (messageIds ? 2 : 0);
        }
        AppendCrlf(output);
    }

    static void AppendMessageId(ByteBuilder output, string id)
    {
        output.Append((byte)'<');
        output.AppendAscii(id);
        output.Append((byte)'>');
    }

    /// <summary>
    /// Printable ASCII text folded before a blank (RFC 5322 2.2.3) so lines stay within 78 characters
    /// where the words allow; unfolding gives the text back exactly. Returns the column at the end.
    /// </summary>
    static int AppendUnstructured(ByteBuilder output, int column, string text)
    {
        int pos = 0;
        while (text.Length - pos > PreferredLineLength - column)
        {
            // The last fold point that keeps this line within 78, else the first one after that. A fold
            // point is a blank after a non-blank with more text after it: no line is only white space.
            int fold = -1;
            for (int i = pos + 1; i < text.Length; i++)
            {
                if (!Ascii.IsBlank(text[i]) || Ascii.IsBlank(text[i - 1]) || !HasNonBlank(text, i)) continue;
                if (fold >= 0 && column + (i - pos) > PreferredLineLength) break;
                fold = i;
                if (column + (i - pos) > PreferredLineLength) break;
            }
            if (fold < 0) break;
            output.AppendAscii(text.Substring(pos, fold - pos));
            Fold(output, false);
            column = 0;
            pos = fold;
        }
        output.AppendAscii(text.Substring(pos));
        return column + text.Length - pos;
    }

    static bool HasNonBlank(string s, int from)
    {
        for (int i = from; i < s.Length; i++)
            if (!Ascii.IsBlank(s[i])) return true;
        return false;
    }

    /// <summary>Whether a run of non-blank characters is too long to fold under 998.</summary>
    static bool HasLongWord(string s)
    {
        int run = 0;
        for (int i = 0; i < s.Length; i++)
        {
            run = Ascii.IsBlank(s[i]) ? 0 : run + 1;
            if (run > MaxPlainWord) return true;
        }
        return false;
    }

    /// <summary>A display name of atoms (RFC 5322 3.2.3) separated by single spaces needs no quotes.</summary>
    static bool IsAtoms(string s)
    {
        if (s.Length == 0 || s[0] == ' ' || s[s.Length - 1] == ' ') return false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == ' ')
            {
                if (s[i - 1] == ' ') return false;
            }
            else if (!IsAtext(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A quoted-string (RFC 5322 3.2.4) with '\' and '"' escaped; the caller checked it is printable ASCII.</summary>
    static int AppendQuoted(ByteBuilder output, int column, string s)
    {
        output.Append((byte)'"');
        column++;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' || s[i] == '"')
            {
                output.Append((byte)'\\');
                column++;
            }
            output.Append((byte)s[i]);
            column++;
        }
        output.Append((byte)'"');
        return column + 1;
    }

    static int AppendName(ByteBuilder output, string name)
    {
        output.AppendAscii(name);
        output.Append((byte)':');
        output.Append((byte)' ');
        return name.Length + 2;
    }

    static void AppendCrlf(ByteBuilder output)
    {
        output.Append((byte)'\r');
        output.Append((byte)'\n');
    }

    /// <summary>CRLF, and a space when the next text does not start with its own blank.</summary>
    static void Fold(ByteBuilder output, bool space = true)
    {
        AppendCrlf(output);
        if (space) output.Append((byte)' ');
    }

    /// <summary>
    /// An address as the header carries it: dot-atom "@" dot-atom or domain literal, ASCII only (a
    /// non-ASCII address would need SMTPUTF8 headers, RFC 6532). No quoted local parts, no comments.
    /// </summary>
    static void CheckAddress(string header, string address)
    {
        if (!IsUsableAddress(address))
            throw Refuse(header, "not a usable mail address", address);
    }

    /// <summary>Whether <see cref="Compose"/> accepts <paramref name="address"/> in From or To (see <c>CheckAddress</c>).</summary>
    public static bool IsUsableAddress(string address)
    {
        int at = address.IndexOf('@');
        return address.Length <= MaxAddressLength && at > 0
            && IsDotAtom(address, 0, at, true) && IsDomain(address, at + 1, address.Length);
    }

    /// <summary>id-left "@" id-right (RFC 5322 3.6.4), written by us between angle brackets.</summary>
    static void CheckMessageId(string header, string id)
    {
        int at = id.IndexOf('@');
        bool ok = id.Length <= MaxMessageIdLength && at > 0
            && IsDotAtom(id, 0, at, true) && IsDomain(id, at + 1, id.Length);
        if (!ok)
            throw Refuse(header, "not a usable message id (give it without angle brackets)", id);
    }

    /// <summary>Never echoes more than the header's name and a short printable excerpt of the value.</summary>
    static ArgumentException Refuse(string header, string what, string value) =>
        new ArgumentException(header + ": " + what + ": \"" + Ascii.Excerpt(value, 24) + "\"");

    /// <summary>atext and dots; <paramref name="looseDots"/> accepts leading, trailing and double dots, seen in real local parts.</summary>
    static bool IsDotAtom(string s, int start, int end, bool looseDots)
    {
        if (end <= start) return false;
        for (int i = start; i < end; i++)
        {
            char c = s[i];
            if (c == '.')
            {
                if (!looseDots && (i == start || i == end - 1 || s[i - 1] == '.')) return false;
            }
            else if (!IsAtext(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A dot-atom domain or a domain literal "[...]" of printable ASCII.</summary>
    static bool IsDomain(string s, int start, int end)
    {
        if (end - start >= 2 && s[start] == '[' && s[end - 1] == ']')
        {
            for (int i = start + 1; i < end - 1; i++)
            {
                char c = s[i];
                if (c <= ' ' || c >= 0x7F || c == '[' || c == ']' || c == '\\') return false;
            }
            return true;
        }
        return IsDotAtom(s, start, end, false);
    }

    /// <summary>RFC 5322 3.2.3 atext: letters, digits and !#$%&amp;'*+-/=?^_`{|}~.</summary>
    static bool IsAtext(char c) => Ascii.IsLetterOrDigit(c) || (c < 0x7F && c > ' ' && "!#$%&'*+-/=?^_`{|}~".IndexOf(c) >= 0);
}
