using System;
using Gateway.Core.Net;
using Gateway.Core.Platform;
using Gateway.Core.Text;

namespace Gateway.Mail.Imap;

/// <summary>
/// What the server sends to <see cref="ImapClient"/>: responses up to the tagged one, the untagged ones
/// (EXISTS, EXPUNGE, CAPABILITY, response codes, BYE), FETCH bodies streamed into the sink, a status.
/// </summary>
public sealed partial class ImapClient
{
    /// <summary>Reads responses up to the one tagged <paramref name="tag"/>; null for a continuation request (its text in _continuation).</summary>
    ImapStatus? ReadUntilTagged(string tag)
    {
        for (int untagged = 0; untagged <= ImapLimits.MaxUntagged; untagged++)
        {
            var status = ReadResponse(tag);
            if (status != null || _continuation != null)
                return status;
        }
        throw new ImapException(ImapErrorKind.Protocol, _reader.Command, "more than " + Ascii.FromInt(ImapLimits.MaxUntagged) + " untagged responses to one command");
    }

    /// <summary>One response: the tagged status, or null after an untagged one or a continuation (then _continuation is set).</summary>
    ImapStatus? ReadResponse(string tag)
    {
        _continuation = null;
        if (_reader.Next() != ImapTokenKind.Atom)
            throw _reader.Malformed("a response starting with " + _reader.Describe());
        string first = _reader.Text;
        if (first == "*")
        {
            Untagged();
            return null;
        }
        if (first == "+")
        {
            string text = _reader.RestOfLine();
            _continuation = text;
            if (Logging) LogDebug("S: + " + Ascii.Excerpt(text, 100));
            return null;
        }
        if (first != tag)
            throw new ImapException(ImapErrorKind.Protocol, _reader.Command, "a response tagged " + Ascii.Excerpt(first, 20) + " while waiting for " + tag);
        if (_reader.Next() != ImapTokenKind.Atom)
            throw _reader.Malformed("a tagged response without a status");
        var status = ReadStatus(Ascii.ToUpper(_reader.Text));
        if (Logging) LogDebug("S: " + tag + " " + status.ToString());
        return status;
    }

    /// <summary>After "*": a status, CAPABILITY, SEARCH, "n EXISTS", "n FETCH (...)"; anything else is skipped.</summary>
    void Untagged()
    {
        _reader.Next();
        string word = _reader.Kind == ImapTokenKind.Atom ? Ascii.ToUpper(_reader.Text) : "";
        if (ImapReader.TryParseNumber(word, out long number))
        {
            _reader.Next();
            string what = _reader.Kind == ImapTokenKind.Atom ? Ascii.ToUpper(_reader.Text) : "";
            if (what == "FETCH")
            {
                FetchResponse();
                return;
            }
            if (what == "EXISTS")
            {
                Exists = number;
                NewMail = true;
                if (Logging) LogDebug("S: * " + word + " EXISTS");
            }
            _reader.Next();
            _reader.SkipLine();
            return;
        }
        switch (word)
        {
            case "OK":
            case "NO":
            case "BAD":
            case "PREAUTH":
            case "BYE":
                var status = ReadStatus(word);
                if (word == "BYE" && !_loggingOut)
                    throw new ImapException(_reader.Command, status);
                if (word != "OK" || status.Code == "ALERT")
                    _log.Write(LogLevel.Warning, "IMAP server: " + status.ToString());
                return;
            case "CAPABILITY":
                ReadCapabilities(ImapTokenKind.EndOfLine);
                return;
            case "SEARCH":
                while (_reader.Next() == ImapTokenKind.Atom)
                {
                    if (!ImapReader.TryParseNumber(_reader.Text, out long uid))
                        throw _reader.Malformed("SEARCH: " + _reader.Describe());
                    if (_searchCount < _searchUids.Length)
                        _searchUids[_searchCount++] = uid;
                }
                _reader.SkipLine();
                return;
            default:
                _reader.SkipLine();
                return;
        }
    }

    /// <summary>"(UID n RFC822.SIZE n BODY[...] {n} ...)": the body literal of the message asked for goes to the sink.</summary>
    void FetchResponse()
    {
        if (_reader.Next() != ImapTokenKind.OpenParen)
            throw _reader.Malformed("FETCH without its list");
        long uid = -1;
        while (_reader.Next() != ImapTokenKind.CloseParen)
        {
            if (_reader.Kind != ImapTokenKind.Atom)
                throw _reader.Malformed("FETCH item " + _reader.Describe());
            string item = Ascii.ToUpper(_reader.Text);
            bool mine = _fetchSink != null && (uid < 0 || uid == _fetchUid);
            if (item == "UID")
            {
                uid = _reader.NextNumber();
            }
            else if (item == "RFC822.SIZE")
            {
                long size = _reader.NextNumber();
                if (mine) _fetchSize = size;
            }
            else if (item == "BODY" || item == "BODY.PEEK")
            {
                if (_reader.Next() != ImapTokenKind.OpenBracket)
                    throw _reader.Malformed("BODY without its section");
                while (_reader.Next() != ImapTokenKind.CloseBracket)
                    if (_reader.Kind == ImapTokenKind.EndOfLine)
                        throw _reader.Malformed("BODY[ without ]");
                if (_reader.Next() == ImapTokenKind.Atom && _reader.Text.Length > 0 && _reader.Text[0] == '<')
                    _reader.Next(); // <origin> of a partial fetch
                BodyValue(mine && _fetchBytes < 0);
            }
            else
            {
                _reader.Next();
                _reader.SkipValue();
            }
        }
        if (_reader.Next() != ImapTokenKind.EndOfLine)
            throw _reader.Malformed("text after a FETCH list");
    }

    /// <summary>A section's value: a literal (streamed), a quoted string (split into lines) or NIL (no such section).</summary>
    void BodyValue(bool deliver)
    {
        if (_reader.Kind == ImapTokenKind.Literal)
        {
            if (!deliver)
            {
                _reader.SkipLiteral(ImapLimits.MaxSkippedLiteral);
                return;
            }
            _fetchBytes = _reader.StreamLiteral(_fetchSink!, _fetchMax);
            if (Logging) LogDebug("S: <" + Ascii.FromInt(_fetchBytes) + " octets>");
        }
        else if (_reader.Kind == ImapTokenKind.Quoted && deliver)
        {
            var bytes = Utf8.GetBytes(_reader.Text);
            if (bytes.Length > _fetchMax)
                throw new ImapException(ImapErrorKind.Limit, _reader.Command, "the message is larger than the limit");
            int start = 0;
            for (int i = 0; i <= bytes.Length; i++)
            {
                if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
                int end = i > start && bytes[i - 1] == (byte)'\r' ? i - 1 : i;
                if (i < bytes.Length || end > start) _fetchSink!.Line(bytes, start, end - start);
                start = i + 1;
            }
            _fetchBytes = bytes.Length;
        }
        else if (_reader.Kind != ImapTokenKind.Atom && _reader.Kind != ImapTokenKind.Quoted)
        {
            throw _reader.Malformed("a BODY value " + _reader.Describe());
        }
    }

    /// <summary>The status word was read: "[CODE args]" if present, then the text.</summary>
    ImapStatus ReadStatus(string status)
    {
        string code = "", argument = "";
        if (_reader.NextIsBracket())
        {
            _reader.Next();
            if (_reader.Next() != ImapTokenKind.Atom)
                throw _reader.Malformed("an empty response code");
            code = Ascii.ToUpper(_reader.Text);
            if (code == "CAPABILITY")
            {
                ReadCapabilities(ImapTokenKind.CloseBracket);
            }
            else
            {
                _reader.Next();
                if (_reader.Kind == ImapTokenKind.Atom || _reader.Kind == ImapTokenKind.Quoted)
                    argument = _reader.Text;
                while (_reader.Kind != ImapTokenKind.CloseBracket)
                {
                    if (_reader.Kind == ImapTokenKind.EndOfLine)
                        throw _reader.Malformed("a response code without ]");
                    _reader.SkipValue();
                    _reader.Next();
                }
            }
            if (code == "UIDVALIDITY" || code == "UIDNEXT")
            {
                if (!ImapReader.TryParseNumber(argument, out long n))
                    throw _reader.Malformed(code + " " + Ascii.Excerpt(argument, 20));
                if (code == "UIDVALIDITY") UidValidity = n;
                else UidNext = n;
            }
        }
        return new ImapStatus(status, code, argument, _reader.RestOfLine());
    }

    /// <summary>Capability atoms up to <paramref name="end"/> (RFC 9051 7.2.2).</summary>
    void ReadCapabilities(ImapTokenKind end)
    {
        var caps = ImapCapabilities.Known;
        while (_reader.Next() == ImapTokenKind.Atom)
        {
            string c = Ascii.ToUpper(_reader.Text);
            if (c == "IMAP4REV1") caps |= ImapCapabilities.Imap4Rev1;
            else if (c == "IMAP4REV2") caps |= ImapCapabilities.Imap4Rev2;
            else if (c == "STARTTLS") caps |= ImapCapabilities.StartTls;
            else if (c == "LOGINDISABLED") caps |= ImapCapabilities.LoginDisabled;
            else if (c == "AUTH=PLAIN") caps |= ImapCapabilities.AuthPlain;
            else if (c == "AUTH=LOGIN") caps |= ImapCapabilities.AuthLogin;
            else if (c == "AUTH=XOAUTH2") caps |= ImapCapabilities.AuthXOAuth2;
            else if (c == "SASL-IR") caps |= ImapCapabilities.SaslIr;
            else if (c == "IDLE") caps |= ImapCapabilities.Idle;
            else if (c == "UIDPLUS") caps |= ImapCapabilities.UidPlus;
            else if (c == "LITERAL+") caps |= ImapCapabilities.LiteralPlus;
        }
        if (_reader.Kind != end)
            throw _reader.Malformed("CAPABILITY " + _reader.Describe());
        Capabilities = caps;
    }
}
