using System;
using Gateway.Core.Net;
using Gateway.Core.Text;
using Gateway.Mail.Pop3;

namespace Gateway.Mail.Imap;

/// <summary>
/// Reads IMAP responses (RFC 9051 9) a token at a time through one fixed buffer: atoms, quoted
/// strings with escapes, literals {n} and {n+}, parentheses, brackets and line ends. A literal is
/// never held: the caller reads it as short text, streams it a line at a time to an
/// <see cref="ILineSink"/>, or skips it, each within a limit. A token that does not fit the buffer,
/// a line longer than <see cref="ImapLimits.MaxResponseLine"/> or a literal over its limit is an
/// <see cref="ImapException"/>, never a bigger buffer.
/// </summary>
public sealed class ImapReader
{
    IChannel? _channel;
    readonly byte[] _buf;
    int _start; // first unconsumed byte
    int _end;   // one past the last byte read
    int _lineBytes; // bytes of the current line outside literals

    public ImapReader(int bufferSize)
    {
        _buf = new byte[bufferSize];
    }

    /// <summary>Reads from <paramref name="channel"/> from now on, forgetting anything buffered.</summary>
    public void Attach(IChannel channel)
    {
        _channel = channel;
        _start = 0;
        _end = 0;
        _lineBytes = 0;
    }

    /// <summary>The command whose answer is read: named in errors.</summary>
    public string Command { get; set; } = "response";

    /// <summary>Bytes received but not yet consumed. Must be 0 before a TLS upgrade (RFC 9051 11.1).</summary>
    public int Buffered => _end - _start;

    public ImapTokenKind Kind { get; private set; }

    /// <summary>The text of an atom or quoted string.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The octets a literal announced.</summary>
    public long LiteralLength { get; private set; }

    public bool IsAtom(string upper) => Kind == ImapTokenKind.Atom && Ascii.EqualsIgnoreCase(Text, upper);

    /// <summary>The next token.</summary>
    public ImapTokenKind Next()
    {
        int b = Peek();
        while (b == ' ')
        {
            Take(1);
            b = Peek();
        }
        if (b < 0)
            throw Closed();
        switch (b)
        {
            case '\r':
                Take(1);
                if (Peek() != '\n')
                    throw Malformed("a CR without LF");
                Take(1);
                _lineBytes = 0;
                return Set(ImapTokenKind.EndOfLine);
            case '\n':
                Take(1);
                _lineBytes = 0;
                return Set(ImapTokenKind.EndOfLine);
            case '(':
                Take(1);
                return Set(ImapTokenKind.OpenParen);
            case ')':
                Take(1);
                return Set(ImapTokenKind.CloseParen);
            case '[':
                Take(1);
                return Set(ImapTokenKind.OpenBracket);
            case ']':
                Take(1);
                return Set(ImapTokenKind.CloseBracket);
            case '"':
                return Quoted();
            case '{':
                return Literal();
            default:
                return Atom();
        }
    }

    /// <summary>Whether the next token (after spaces) is '[': a response code follows.</summary>
    public bool NextIsBracket()
    {
        int b = Peek();
        while (b == ' ')
        {
            Take(1);
            b = Peek();
        }
        return b == '[';
    }

    /// <summary>The next token as a non-negative number (a UID, a count, a size).</summary>
    public long NextNumber()
    {
        if (Next() != ImapTokenKind.Atom || !TryParseNumber(Text, out long n))
            throw Malformed("a number was expected, not " + Describe());
        return n;
    }

    /// <summary>The rest of the line as text (resp-text), the line end consumed.</summary>
    public string RestOfLine()
    {
        if (Peek() == ' ')
            Take(1);
        int k = 0;
        while (true)
        {
            if (_start + k == _end && !More(false))
                throw Closed();
            if (_buf[_start + k] == (byte)'\n')
                break;
            k++;
        }
        int length = k > 0 && _buf[_start + k - 1] == (byte)'\r' ? k - 1 : k;
        string text = Utf8.Decode(_buf, _start, length);
        Take(k + 1);
        _lineBytes = 0;
        return text;
    }

    /// <summary>Reads tokens to the end of the line; literals on the way are skipped within their limit.</summary>
    public void SkipLine()
    {
        while (Kind != ImapTokenKind.EndOfLine)
        {
            if (Kind == ImapTokenKind.Literal)
                SkipLiteral(ImapLimits.MaxSkippedLiteral);
            Next();
        }
    }

    /// <summary>Skips the value whose first token was just read: a parenthesised list as a whole, a literal's octets.</summary>
    public void SkipValue()
    {
        int depth = 0;
        while (true)
        {
            if (Kind == ImapTokenKind.Literal)
                SkipLiteral(ImapLimits.MaxSkippedLiteral);
            else if (Kind == ImapTokenKind.OpenParen)
                depth++;
            else if (Kind == ImapTokenKind.CloseParen)
                depth--;
            else if (Kind == ImapTokenKind.EndOfLine)
                throw Malformed("the line ended inside a list");
            if (depth <= 0)
                return;
            Next();
        }
    }

    /// <summary>The literal just announced, as text (at most <see cref="ImapLimits.MaxTextLiteral"/> octets).</summary>
    public string ReadLiteralText()
    {
        if (LiteralLength > ImapLimits.MaxTextLiteral || LiteralLength > _buf.Length)
            throw new ImapException(ImapErrorKind.Protocol, Command, "a literal of " + Ascii.FromInt(LiteralLength) + " octets where a short string was expected");
        int n = (int)LiteralLength;
        while (_end - _start < n)
            if (!More(false))
                throw Closed();
        Text = Utf8.Decode(_buf, _start, n);
        _start += n;
        return Text;
    }

    /// <summary>Reads and drops the literal just announced; more than <paramref name="max"/> octets is refused unread.</summary>
    public void SkipLiteral(long max)
    {
        long left = LiteralLength;
        if (left > max)
            throw new ImapException(ImapErrorKind.Limit, Command, "a literal of " + Ascii.FromInt(left) + " octets, more than the " + Ascii.FromInt(max) + " this client reads here");
        while (left > 0)
        {
            if (_start == _end && !Fill())
                throw Closed();
            int n = _end - _start < left ? _end - _start : (int)left;
            _start += n;
            left -= n;
        }
        LiteralLength = 0;
    }

    /// <summary>
    /// Streams the literal just announced to <paramref name="sink"/> a line at a time (CRLF or LF
    /// removed; a last line without one is delivered as it is), without holding it.
    /// </summary>
    /// <returns>The literal's length in octets.</returns>
    public long StreamLiteral(ILineSink sink, long max)
    {
        long total = LiteralLength, left = total;
        if (left > max)
            throw new ImapException(ImapErrorKind.Limit, Command, "the message is " + Ascii.FromInt(left) + " octets, more than the limit of " + Ascii.FromInt(max) + "; the connection was closed");
        while (left > 0)
        {
            if (_start == _end && !Fill())
                throw Closed();
            int k = 0;
            bool lineEnd = false;
            while (true)
            {
                int limit = _end - _start < left ? _end - _start : (int)left;
                while (k < limit && _buf[_start + k] != (byte)'\n') k++;
                if (k < limit)
                {
                    lineEnd = true;
                    break;
                }
                if (k == left)
                    break;
                if (!More(true))
                    throw Closed();
            }
            int length = lineEnd && k > 0 && _buf[_start + k - 1] == (byte)'\r' ? k - 1 : k;
            int consumed = lineEnd ? k + 1 : k;
            sink.Line(_buf, _start, length);
            _start += consumed;
            left -= consumed;
        }
        LiteralLength = 0;
        return total;
    }

    ImapTokenKind Set(ImapTokenKind kind)
    {
        Kind = kind;
        return kind;
    }

    ImapTokenKind Atom()
    {
        int k = 0;
        while (true)
        {
            if (_start + k == _end && !More(false))
                throw Closed();
            byte c = _buf[_start + k];
            if (c <= (byte)' ' || c == (byte)'(' || c == (byte)')' || c == (byte)'[' || c == (byte)']' || c == (byte)'"' || c == (byte)'{' || c == 0x7F)
                break;
            k++;
        }
        if (k == 0)
            throw Malformed("an unexpected byte 0x" + Hex(_buf[_start]));
        Text = Utf8.Decode(_buf, _start, k);
        Take(k);
        return Set(ImapTokenKind.Atom);
    }

    /// <summary>RFC 9051 4.3: "..." with \\ and \" escapes, on one line. Unescaped in place in the buffer.</summary>
    ImapTokenKind Quoted()
    {
        Take(1);
        int k = 0, w = 0;
        while (true)
        {
            if (_start + k == _end && !More(false))
                throw Closed();
            byte c = _buf[_start + k];
            if (c == (byte)'"')
                break;
            if (c == (byte)'\r' || c == (byte)'\n')
                throw Malformed("a quoted string that runs past the end of the line");
            if (c == (byte)'\\')
            {
                k++;
                if (_start + k == _end && !More(false))
                    throw Closed();
                c = _buf[_start + k];
            }
            _buf[_start + w] = c;
            w++;
            k++;
        }
        Text = Utf8.Decode(_buf, _start, w);
        Take(k + 1);
        return Set(ImapTokenKind.Quoted);
    }

    /// <summary>{n}CRLF or {n+}CRLF (RFC 7888); the octets follow.</summary>
    ImapTokenKind Literal()
    {
        Take(1);
        long n = 0;
        int digits = 0;
        int b = Peek();
        while (b >= '0' && b <= '9')
        {
            if (++digits > 12)
                throw Malformed("a literal length of more than 12 digits");
            n = n * 10 + (b - '0');
            Take(1);
            b = Peek();
        }
        if (b == '+')
        {
            Take(1);
            b = Peek();
        }
        if (digits == 0 || b != '}')
            throw Malformed("a malformed literal length");
        Take(1);
        b = Peek();
        if (b == '\r')
        {
            Take(1);
            b = Peek();
        }
        if (b != '\n')
            throw Malformed("a literal length not at the end of its line");
        Take(1);
        _lineBytes = 0;
        LiteralLength = n;
        return Set(ImapTokenKind.Literal);
    }

    int Peek()
    {
        if (_start == _end && !Fill())
            return -1;
        return _buf[_start];
    }

    void Take(int n)
    {
        _start += n;
        _lineBytes += n;
        if (_lineBytes > ImapLimits.MaxResponseLine)
            throw new ImapException(ImapErrorKind.Protocol, Command, "a response line longer than " + Ascii.FromInt(ImapLimits.MaxResponseLine) + " bytes");
    }

    /// <summary>Reads into an empty buffer; false when the peer closed.</summary>
    bool Fill()
    {
        _start = 0;
        _end = 0;
        int n = Channel.Read(_buf, 0, _buf.Length);
        if (n <= 0)
            return false;
        _end = n;
        return true;
    }

    /// <summary>Reads more after what is buffered, moving it to the front first; false when the peer closed.</summary>
    bool More(bool messageLine)
    {
        if (_start > 0)
        {
            Array.Copy(_buf, _start, _buf, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buf.Length)
        {
            if (messageLine)
                throw new ImapException(ImapErrorKind.Limit, Command, "a line of the message is longer than " + Ascii.FromInt(_buf.Length) + " bytes; the connection was closed");
            throw new ImapException(ImapErrorKind.Protocol, Command, "a token or text longer than " + Ascii.FromInt(_buf.Length) + " bytes");
        }
        int n = Channel.Read(_buf, _end, _buf.Length - _end);
        if (n <= 0)
            return false;
        _end += n;
        return true;
    }

    IChannel Channel => _channel ?? throw new InvalidOperationException("the IMAP reader has no channel");

    static ChannelException Closed() =>
        new ChannelException(ChannelError.ConnectionLost, "the server closed the connection in the middle of a response");

    /// <summary>What the last token was, for an error message.</summary>
    public string Describe() =>
        Kind == ImapTokenKind.Atom || Kind == ImapTokenKind.Quoted ? "\"" + Ascii.Excerpt(Text, 40) + "\"" : "token " + Ascii.FromInt((int)Kind);

    public ImapException Malformed(string what) =>
        new ImapException(ImapErrorKind.Protocol, Command, "malformed response: " + what);

    static string Hex(byte b)
    {
        const string digits = "0123456789ABCDEF";
        return new string(new[] { digits[b >> 4], digits[b & 15] });
    }

    /// <summary>A non-negative decimal up to 18 digits (RFC 9051 number64): the mail library's one decimal rule.</summary>
    public static bool TryParseNumber(string s, out long value) => Pop3Fields.TryParseLong(s, out value);
}
