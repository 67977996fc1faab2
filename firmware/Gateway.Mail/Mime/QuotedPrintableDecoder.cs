using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Decodes quoted-printable (RFC 2045 6.7) a chunk at a time into the caller's buffer, so a body of any
/// size streams through a fixed buffer; a chunk may end anywhere, even inside "=X" or a soft break.
/// Tolerant as the RFC asks of readers: lowercase hex is accepted, an '=' that starts no valid
/// sequence is kept literally, a soft break may be "=" LF or carry trailing blanks, and blanks at the
/// end of a line (added by transports) are removed.
/// </summary>
public sealed class QuotedPrintableDecoder
{
    /// <summary>Blanks held back while it is not yet known whether they end a line; beyond this they are written.</summary>
    const int MaxBlanks = 76;

    /// <summary>The most bytes one call can write beyond its input's length: what earlier chunks held back.</summary>
    public const int MaxHeld = MaxBlanks + 2;

    const int Normal = 0;
    const int AfterEquals = 1;     // "="
    const int AfterHexDigit = 2;   // "=X"
    const int AfterEqualsBlank = 3; // "=" and blanks: a soft break with transport padding, or literal text
    const int AfterEqualsCr = 4;   // "=" [blanks] CR: a soft break

    readonly byte[] _blanks = new byte[MaxBlanks];
    int _blankCount;
    int _state;
    byte _hex;

    /// <summary>How many '=' so far started no valid sequence and were kept literally (never reset).</summary>
    public int Malformed { get; private set; }

    /// <summary>
    /// Decodes <paramref name="count"/> bytes into <paramref name="dest"/> from <paramref name="destOffset"/>,
    /// which needs room for <paramref name="count"/> + <see cref="MaxHeld"/> bytes. Returns the bytes written.
    /// </summary>
    public int Decode(byte[] src, int offset, int count, byte[] dest, int destOffset)
    {
        int o = destOffset;
        int end = offset + count;
        int i = offset;
        while (i < end)
        {
            byte c = src[i];
            switch (_state)
            {
                case AfterEquals:
                    if (Ascii.HexValue(c) >= 0)
                    {
                        _hex = c;
                        _state = AfterHexDigit;
                    }
                    else if (c == '\r')
                    {
                        _state = AfterEqualsCr;
                    }
                    else if (c == '\n')
                    {
                        _state = Normal; // soft break with a bare LF
                    }
                    else if (Ascii.IsBlank(c))
                    {
                        _blanks[0] = c;
                        _blankCount = 1;
                        _state = AfterEqualsBlank;
                    }
                    else
                    {
                        dest[o++] = (byte)'='; // not a sequence: keep it and read this byte afresh
                        Malformed++;
                        _state = Normal;
                        continue;
                    }
                    break;

                case AfterHexDigit:
                    _state = Normal;
                    if (Ascii.HexValue(c) >= 0)
                    {
                        dest[o++] = (byte)((Ascii.HexValue(_hex) << 4) | Ascii.HexValue(c));
                        break;
                    }
                    dest[o++] = (byte)'=';
                    dest[o++] = _hex;
                    Malformed++;
                    continue;

                case AfterEqualsBlank:
                    if (Ascii.IsBlank(c) && _blankCount < MaxBlanks)
                    {
                        _blanks[_blankCount++] = c;
                        break;
                    }
                    if (c == '\r' || c == '\n')
                    {
                        _blankCount = 0;
                        _state = c == '\r' ? AfterEqualsCr : Normal;
                        break;
                    }
                    // "=" and blanks before text: not a soft break, all of it is data.
                    dest[o++] = (byte)'=';
                    Malformed++;
                    o = FlushBlanks(dest, o);
                    _state = Normal;
                    continue;

                case AfterEqualsCr:
                    _state = Normal;
                    if (c == '\n')
                        break;
                    continue; // "=" CR alone: taken as a soft break as well

                default:
                    if (Ascii.IsBlank(c))
                    {
                        if (_blankCount == MaxBlanks)
                            o = FlushBlanks(dest, o);
                        _blanks[_blankCount++] = c;
                    }
                    else if (c == '\r' || c == '\n')
                    {
                        _blankCount = 0; // trailing blanks: transport padding, not data
                        dest[o++] = c;
                    }
                    else
                    {
                        o = FlushBlanks(dest, o);
                        if (c == '=')
                            _state = AfterEquals;
                        else
                            dest[o++] = c;
                    }
                    break;
            }
            i++;
        }
        return o - destOffset;
    }

    /// <summary>
    /// Ends the input: blanks at its end are dropped, a final "=" is a soft break, a final "=X" is kept.
    /// Writes at most 2 bytes; returns the number written. The decoder is then ready for a new body.
    /// </summary>
    public int Finish(byte[] dest, int destOffset)
    {
        int o = destOffset;
        if (_state == AfterHexDigit)
        {
            dest[o++] = (byte)'=';
            dest[o++] = _hex;
            Malformed++;
        }
        _state = Normal;
        _blankCount = 0;
        return o - destOffset;
    }

    int FlushBlanks(byte[] dest, int o)
    {
        for (int k = 0; k < _blankCount; k++)
            dest[o++] = _blanks[k];
        _blankCount = 0;
        return o;
    }
}
