using System;
using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// Reads a retrieved message a line at a time (dot-unstuffed, without its CRLF: what a POP3 RETR or TOP
/// hands on) in fixed memory, and keeps what the gateway needs: the top-level headers (From address,
/// Reply-To, Subject decoded, Message-ID, Date, In-Reply-To, References, Auto-Submitted) and the text of
/// the first text/plain part (format=flowed undone, as RFC 3676 asks), or of the first text/html part
/// with its tags stripped when there is no text/plain. Multiparts nest up to <see cref="MimeLimits.MaxDepth"/>;
/// preambles, epilogues, attachments, message/rfc822 parts and other alternatives are skipped unstored.
/// Malformed input never throws: what was wrong is in <see cref="Flags"/>.
/// Usage: <c>Line(...)</c> for each line, then <c>End()</c>, then read the results; <c>Reset()</c> to reuse.
/// </summary>
public sealed class MimeReader : ILineSink
{
    const string DefaultContentType = "text/plain; charset=us-ascii"; // RFC 2045 5.2

    // Where the next line goes.
    const int TopHeaders = 0;
    const int PartHeaders = 1;
    const int Body = 2;
    const int Done = 3;

    // What a body line is for.
    const int Skip = 0;
    const int CollectPlain = 1;
    const int CollectHtml = 2;

    // Content-Transfer-Encoding of the text being collected.
    const int Identity = 0;
    const int QuotedPrintable = 1;
    const int Base64 = 2;

    // Built on first use: a static initializer would allocate at boot (nanoFramework runs every
    // static constructor when the assembly loads).
    static byte[]? s_crlf;
    static byte[] Crlf => s_crlf ?? (s_crlf = new byte[] { (byte)'\r', (byte)'\n' });

    readonly int _maxHeaderBlock;
    readonly int _chunkSize;
    readonly byte[] _header;          // the header being unfolded
    readonly byte[] _scratch;         // decoded bytes of one chunk
    readonly MultipartBoundaries _parts;
    readonly TextBuffer _text;
    readonly HtmlToText _html;
    readonly FlowedText _flowed;
    readonly CharsetDecoder _charset = new CharsetDecoder();
    readonly QuotedPrintableDecoder _qp = new QuotedPrintableDecoder();
    readonly Base64Decoder _base64 = new Base64Decoder();

    int _phase;
    int _mode;
    int _headerLength;
    bool _haveHeader, _headerCut;
    long _blockBytes;
    bool _blockFull;
    string? _partContentType, _partEncoding, _partDisposition;
    int _encoding;
    bool _pendingBreak;
    bool _isFlowed;
    int _qpMalformedAtStart;
    bool _plainFound, _htmlFound;
    MimeFlags _flags, _textFlags;
    string? _textString;

    public MimeReader() : this(new MimeLimits())
    {
    }

    public MimeReader(MimeLimits limits)
    {
        _maxHeaderBlock = limits.MaxHeaderBlock;
        _header = new byte[limits.MaxHeaderLine < 80 ? 80 : limits.MaxHeaderLine];
        _chunkSize = limits.ChunkSize < 16 ? 16 : limits.ChunkSize;
        // A chunk decodes to at most its length plus what the QP decoder held back (base64 gives less).
        _scratch = new byte[_chunkSize + QuotedPrintableDecoder.MaxHeld + Base64Decoder.MaxOutput(0) + 8];
        _parts = new MultipartBoundaries(limits.MaxDepth);
        _text = new TextBuffer(limits.MaxTextChars);
        _html = new HtmlToText(_text);
        _flowed = new FlowedText(_text);
        Reset();
    }

    /// <summary>Stop after the top-level headers (for TOP n 0): later lines are ignored.</summary>
    public bool ReadHeadersOnly { get; set; }

    /// <summary>The top-level header block has ended (its blank line came, or the message ended).</summary>
    public bool HeadersComplete { get; private set; }

    /// <summary><see cref="End"/> was called.</summary>
    public bool Ended { get; private set; }

    /// <summary>The address of the first From mailbox ("ann@example.org"), "" when none.</summary>
    public string From { get; private set; } = "";

    /// <summary>The whole From value, encoded words decoded (the display name with the address).</summary>
    public string FromHeader { get; private set; } = "";

    /// <summary>The address of the first Reply-To mailbox, "" when none.</summary>
    public string ReplyTo { get; private set; } = "";

    /// <summary>The Subject with RFC 2047 encoded words decoded, "" when none.</summary>
    public string Subject { get; private set; } = "";

    public string MessageId { get; private set; } = "";

    /// <summary>The Date header as written (not parsed).</summary>
    public string Date { get; private set; } = "";

    public string InReplyTo { get; private set; } = "";

    public string References { get; private set; } = "";

    /// <summary>RFC 3834 Auto-Submitted ("auto-replied", ...): a mail not to be answered when not "no".</summary>
    public string AutoSubmitted { get; private set; } = "";

    /// <summary>The Content-Type of the part the text came from (unfolded, as written); "" when no text.</summary>
    public string ContentType { get; private set; } = "";

    /// <summary>A text/plain or text/html part was found.</summary>
    public bool HasText => _plainFound || _htmlFound;

    /// <summary>The text came from text/html (there was no text/plain part).</summary>
    public bool TextIsFromHtml => _htmlFound && !_plainFound;

    /// <summary>
    /// The decoded text, with LF line breaks (CR LF and a lone CR become LF); at most
    /// <see cref="MimeLimits.MaxTextChars"/> chars. "" when there is none.
    /// </summary>
    public string Text => Ended ? _textString ??= _text.ToString() : _text.ToString();

    /// <summary>
    /// Where the decoded text goes a line at a time instead of being kept (then <see cref="Text"/> holds
    /// at most the last, unfinished line). Set it before the text is read; null keeps the text.
    /// </summary>
    public ITextLineSink? TextLineSink
    {
        get => _text.LineSink;
        set => _text.LineSink = value;
    }

    /// <summary>Parts seen (the message itself counts as one, each body part of a multipart as one more).</summary>
    public int PartCount { get; private set; }

    public MimeFlags Flags => _flags | _textFlags;

    /// <summary>Forgets the message read so far, keeping the buffers, to read another.</summary>
    public void Reset()
    {
        _phase = TopHeaders;
        _mode = Skip;
        _parts.Depth = 0;
        _plainFound = _htmlFound = false;
        _flags = _textFlags = MimeFlags.None;
        _textString = null;
        _text.Clear();
        _qp.Finish(_scratch, 0); // a message abandoned inside "=X" leaves nothing for the next one
        HeadersComplete = false;
        Ended = false;
        From = FromHeader = ReplyTo = Subject = MessageId = Date = InReplyTo = References = AutoSubmitted = ContentType = "";
        PartCount = 1;
        StartHeaderBlock();
    }

    /// <summary>One line of the message, without its line break (any length; nothing of it is kept beyond the limits).</summary>
    /// <exception cref="ArgumentNullException">No buffer (a caller's bug; nothing in a message throws).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the buffer (a caller's bug).</exception>
    public void Line(byte[] b, int offset, int count)
    {
        if (b == null) throw new ArgumentNullException(nameof(b));
        if (offset < 0 || count < 0 || count > b.Length - offset) throw new ArgumentOutOfRangeException(nameof(count));
        switch (_phase)
        {
            case TopHeaders:
            case PartHeaders:
                if (_phase == PartHeaders && TryBoundary(b, offset, count)) return;
                HeaderLine(b, offset, count);
                return;
            case Body:
                if (TryBoundary(b, offset, count)) return;
                if (_mode != Skip) CollectLine(b, offset, count);
                return;
        }
    }

    /// <summary>The message has ended: finishes the text and notes what was left open. Later calls do nothing.</summary>
    public void End()
    {
        if (Ended) return;
        Ended = true;
        if (_phase == TopHeaders || _phase == PartHeaders)
        {
            FlushHeader();
            if (_phase == PartHeaders) _flags |= MimeFlags.EndedInHeaders;
            else HeadersComplete = true; // a message may have no body (RFC 5322 3.5)
        }
        if (_mode != Skip) EndText(_parts.Depth > 0);
        if (_parts.Depth > 0) _flags |= MimeFlags.MissingCloseBoundary;
        _phase = Done;
    }

    // ---- headers ----

    void StartHeaderBlock()
    {
        _headerLength = 0;
        _haveHeader = _headerCut = false;
        _blockBytes = 0;
        _blockFull = false;
        _partContentType = _partEncoding = _partDisposition = null;
    }

    void HeaderLine(byte[] b, int offset, int count)
    {
        if (count == 0)
        {
            FlushHeader();
            EndHeaderBlock();
            return;
        }
        if (_blockFull) return;
        _blockBytes += (count < _header.Length ? count : _header.Length) + 2; // what is kept of a line counts
        if (_blockBytes > _maxHeaderBlock)
        {
            FlushHeader();
            _blockFull = true;
            _flags |= MimeFlags.HeaderBlockTooLarge;
            return;
        }
        if (!Ascii.IsBlank(b[offset]) || !_haveHeader)
        {
            FlushHeader();
            _haveHeader = true;
        }
        // RFC 5322 2.2.3: unfolding removes the CRLF and keeps the white space that follows it.
        int room = _header.Length - _headerLength;
        int n = count < room ? count : room;
        Array.Copy(b, offset, _header, _headerLength, n);
        _headerLength += n;
        if (n < count) _headerCut = true;
    }

    void FlushHeader()
    {
        if (!_haveHeader) return;
        _haveHeader = false;
        if (_headerCut) _flags |= MimeFlags.HeaderTruncated;
        _headerCut = false;
        int length = _headerLength;
        _headerLength = 0;

        int colon = Array.IndexOf(_header, (byte)':', 0, length);
        if (colon < 0)
        {
            _flags |= MimeFlags.HeaderWithoutColon;
            return;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && Ascii.IsBlank(_header[nameEnd - 1])) nameEnd--; // "Subject :" (RFC 5322 4.5)
        int valueStart = colon + 1;
        int valueLength = length - valueStart;

        if (NameIs(nameEnd, "content-type")) _partContentType ??= Value(valueStart, valueLength);
        else if (NameIs(nameEnd, "content-transfer-encoding")) _partEncoding ??= Value(valueStart, valueLength);
        else if (NameIs(nameEnd, "content-disposition")) _partDisposition ??= Value(valueStart, valueLength);
        else if (_phase != TopHeaders) return;
        else if (NameIs(nameEnd, "from") && FromHeader.Length == 0)
        {
            string v = Value(valueStart, valueLength);
            From = MimeHeaderValue.Address(v);
            FromHeader = EncodedWord.Decode(v);
        }
        else if (NameIs(nameEnd, "reply-to") && ReplyTo.Length == 0) ReplyTo = MimeHeaderValue.Address(Value(valueStart, valueLength));
        else if (NameIs(nameEnd, "subject") && Subject.Length == 0) Subject = EncodedWord.Decode(Value(valueStart, valueLength));
        else if (NameIs(nameEnd, "message-id") && MessageId.Length == 0) MessageId = Value(valueStart, valueLength);
        else if (NameIs(nameEnd, "date") && Date.Length == 0) Date = Value(valueStart, valueLength);
        else if (NameIs(nameEnd, "in-reply-to") && InReplyTo.Length == 0) InReplyTo = Value(valueStart, valueLength);
        else if (NameIs(nameEnd, "references") && References.Length == 0) References = Value(valueStart, valueLength);
        else if (NameIs(nameEnd, "auto-submitted") && AutoSubmitted.Length == 0) AutoSubmitted = Value(valueStart, valueLength);
    }

    bool NameIs(int length, string name) => length == name.Length && Ascii.StartsWithIgnoreCase(_header, 0, length, name);

    /// <summary>A header value as text (RFC 6532 allows UTF-8), folds kept as blanks, trimmed.</summary>
    string Value(int start, int length)
    {
        while (length > 0 && Ascii.IsBlank(_header[start])) { start++; length--; }
        while (length > 0 && Ascii.IsBlank(_header[start + length - 1])) length--;
        return Utf8.Decode(_header, start, length);
    }

    void EndHeaderBlock()
    {
        bool top = _phase == TopHeaders;
        _phase = Body;
        _mode = Skip;
        if (top)
        {
            HeadersComplete = true;
            if (ReadHeadersOnly)
            {
                _phase = Done;
                return;
            }
        }

        // RFC 2046 5.1.5: in a digest, a part without Content-Type is a message, whose text is not ours.
        bool inDigest = !top && _parts.InDigest;
        if (_partContentType == null && inDigest) return;
        string contentType = _partContentType ?? DefaultContentType;
        string type = MimeHeaderValue.MediaType(contentType);
        if (type.Length == 0) type = "text/plain";
        if (Ascii.StartsWith(type, "multipart/"))
        {
            OpenMultipart(contentType, type == "multipart/digest");
            return;
        }
        bool attachment = _partDisposition != null && Ascii.EqualsIgnoreCase(MimeHeaderValue.MediaType(_partDisposition), "attachment");
        if (attachment) return;
        if (type == "text/plain" && !_plainFound) StartText(CollectPlain, contentType);
        else if (type == "text/html" && !_plainFound && !_htmlFound) StartText(CollectHtml, contentType);
    }

    // ---- multipart ----

    void OpenMultipart(string contentType, bool digest) => _flags |= _parts.Open(contentType, digest);

    /// <summary>
    /// Whether the line is a boundary of an open multipart, innermost first; if so, ends the current part
    /// and starts the next (or, after the last, skips the epilogue).
    /// </summary>
    bool TryBoundary(byte[] b, int offset, int count)
    {
        int k = _parts.Match(b, offset, count, out bool closing);
        if (k < 0) return false;
        if (_phase == PartHeaders) FlushHeader(); // a part that ended in its headers has no body
        if (_mode != Skip) EndText(true);
        if (k < _parts.Depth - 1) _flags |= MimeFlags.MissingCloseBoundary;
        _mode = Skip;
        if (closing)
        {
            _parts.Depth = k;
            _phase = k == 0 ? Done : Body; // the epilogue: skipped
        }
        else
        {
            _parts.Depth = k + 1;
            _phase = PartHeaders;
            PartCount++;
            StartHeaderBlock();
        }
        return true;
    }

    // ---- text ----

    void StartText(int mode, string contentType)
    {
        _mode = mode;
        if (mode == CollectPlain) _plainFound = true;
        else _htmlFound = true;
        _text.Clear();
        _textString = null;
        _textFlags = MimeFlags.None;
        ContentType = contentType;

        string? charset = MimeHeaderValue.Parameter(contentType, "charset");
        var kind = charset == null ? CharsetKind.Ascii : Charset.Parse(charset);
        if (kind == CharsetKind.Unknown) _textFlags |= MimeFlags.UnknownCharset;
        _charset.Start(kind);
        _html.Start();
        string? format = MimeHeaderValue.Parameter(contentType, "format");
        _isFlowed = mode == CollectPlain && format != null && Ascii.EqualsIgnoreCase(format, "flowed");
        string? delsp = MimeHeaderValue.Parameter(contentType, "delsp");
        _flowed.Start(delsp != null && Ascii.EqualsIgnoreCase(delsp, "yes"));

        string encoding = _partEncoding == null ? "7bit" : Ascii.TrimBlanks(_partEncoding);
        if (Ascii.EqualsIgnoreCase(encoding, "quoted-printable")) _encoding = QuotedPrintable;
        else if (Ascii.EqualsIgnoreCase(encoding, "base64")) _encoding = Base64;
        else
        {
            _encoding = Identity;
            if (!Ascii.EqualsIgnoreCase(encoding, "7bit") && !Ascii.EqualsIgnoreCase(encoding, "8bit")
                && !Ascii.EqualsIgnoreCase(encoding, "binary"))
                _textFlags |= MimeFlags.UnknownTransferEncoding;
        }
        _base64.Reset();
        _qpMalformedAtStart = _qp.Malformed;
        _pendingBreak = false;
    }

    void CollectLine(byte[] b, int offset, int count)
    {
        if (_text.Truncated) return; // nothing more is kept: no need to decode it
        if (_encoding != Base64)
        {
            // The line break before a boundary belongs to the boundary (RFC 2046 5.1.1): held until the next line.
            if (_pendingBreak) Decode(Crlf, 0, 2);
            _pendingBreak = true;
        }
        int chunk = _chunkSize;
        while (count > 0)
        {
            int n = count < chunk ? count : chunk;
            Decode(b, offset, n);
            offset += n;
            count -= n;
        }
    }

    void Decode(byte[] b, int offset, int count)
    {
        ICharSink sink = Sink();
        if (_encoding == Identity)
        {
            _charset.Decode(b, offset, count, sink);
            return;
        }
        int n = _encoding == Base64
            ? _base64.Decode(b, offset, count, _scratch, 0)
            : _qp.Decode(b, offset, count, _scratch, 0);
        _charset.Decode(_scratch, 0, n, sink);
    }

    ICharSink Sink() => _mode == CollectHtml ? _html : _isFlowed ? _flowed : _text;

    void EndText(bool atBoundary)
    {
        ICharSink sink = Sink();
        if (!_text.Truncated)
        {
            if (_pendingBreak && !atBoundary) Decode(Crlf, 0, 2);
            int n = 0;
            if (_encoding == Base64) n = _base64.Finish(_scratch, 0);
            else if (_encoding == QuotedPrintable) n = _qp.Finish(_scratch, 0);
            _charset.Decode(_scratch, 0, n, sink);
            _charset.Finish(sink);
            if (_mode == CollectHtml) _html.Finish();
            else if (_isFlowed) _flowed.Finish();
        }
        else if (_encoding == QuotedPrintable)
        {
            _qp.Finish(_scratch, 0); // ready for the next body
        }
        if (_base64.Invalid > 0) _textFlags |= MimeFlags.InvalidBase64;
        if (_qp.Malformed != _qpMalformedAtStart) _textFlags |= MimeFlags.InvalidQuotedPrintable;
        if (_charset.Invalid > 0) _textFlags |= MimeFlags.InvalidUtf8;
        if (_text.Truncated) _textFlags |= MimeFlags.TextTruncated;
        _text.FlushLine();
        _textString = null;
        _mode = Skip;
        _pendingBreak = false;
    }
}
