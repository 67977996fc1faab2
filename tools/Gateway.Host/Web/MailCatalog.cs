using System.Collections.Concurrent;
using Gateway.DevMail;
using MimeKit;
using MimeKit.Utils;

namespace Gateway.Host.Web;

/// <summary>
/// The mails of a <see cref="DevMailServer"/> as the page shows them. A mail's id is its POP3 UIDL
/// ("validity.uid"), unique across the mailboxes and stable across restarts. Headers are read with
/// MimeKit once per mail and kept; the store itself stays the only copy of the bytes.
/// </summary>
public sealed class MailCatalog(DevMailServer server)
{
    readonly ConcurrentDictionary<string, MailSummary> _summaries = new();

    public DevMailServer Server => server;

    public IReadOnlyCollection<string> Mailboxes => server.Store.Mailboxes;

    /// <summary>Newest first; only <paramref name="mailbox"/> when given (null: all).</summary>
    public IReadOnlyList<MailSummary> List(string? mailbox = null)
    {
        var result = new List<MailSummary>();
        foreach (var box in server.Store.Mailboxes)
        {
            if (mailbox != null && !box.Equals(mailbox, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var m in server.Store.List(box))
                if (Summarise(m) is { } s) result.Add(s);
        }
        return result.OrderByDescending(s => s.StoredUtc).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The stored message with this id, or null.</summary>
    public StoredMessage? Find(string id)
    {
        foreach (var box in server.Store.Mailboxes)
            foreach (var m in server.Store.List(box))
                if (m.Uidl == id) return m;
        return null;
    }

    public MailSummary? Summarise(StoredMessage m)
    {
        if (_summaries.TryGetValue(m.Uidl, out var known)) return known;
        var bytes = server.Store.Read(m);
        if (bytes == null) return null;
        HeaderList headers;
        using (var stream = new MemoryStream(bytes, writable: false))
            headers = HeaderList.Load(stream);
        var summary = new MailSummary(m.Uidl, m.Mailbox, headers[HeaderId.From], headers[HeaderId.To], m.Subject,
            DateUtils.TryParse(headers[HeaderId.Date] ?? "", out var date) ? date : null, m.Size, m.StoredUtc,
            m.MessageId, headers[HeaderId.InReplyTo]?.Trim().Trim('<', '>'));
        return _summaries[m.Uidl] = summary;
    }

    /// <summary>The mail opened, or null when there is no such mail (or it was deleted meanwhile).</summary>
    public MailDetail? Open(string id)
    {
        var stored = Find(id);
        var bytes = stored == null ? null : server.Store.Read(stored);
        if (stored == null || bytes == null || Summarise(stored) is not { } summary) return null;
        MimeMessage message;
        using (var stream = new MemoryStream(bytes, writable: false))
            message = MimeMessage.Load(stream);
        var headers = message.Headers.Select(h => new MailHeader(h.Field, h.Value)).ToList();
        var attachments = message.Attachments.Select(Describe).ToList();
        var html = message.HtmlBody;
        return new MailDetail(summary, headers, message.TextBody, html == null ? null : HtmlSanitizer.Sanitize(html), attachments);
    }

    /// <summary>The raw bytes as stored, or null.</summary>
    public byte[]? Raw(string id) => Find(id) is { } m ? server.Store.Read(m) : null;

    public bool Delete(string id)
    {
        var m = Find(id);
        _summaries.TryRemove(id, out _);
        return m != null && server.Store.Delete(m.Mailbox, m.Uid);
    }

    /// <summary>Deletes every mail (of <paramref name="mailbox"/> when given); returns how many.</summary>
    public int DeleteAll(string? mailbox = null)
    {
        int n = 0;
        foreach (var box in server.Store.Mailboxes)
        {
            if (mailbox != null && !box.Equals(mailbox, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var m in server.Store.List(box))
                if (server.Store.Delete(box, m.Uid))
                {
                    _summaries.TryRemove(m.Uidl, out _);
                    n++;
                }
        }
        return n;
    }

    static MailAttachment Describe(MimeEntity entity)
    {
        long size = 0;
        if (entity is MimePart { Content: not null } part)
        {
            using var counter = new CountingStream();
            part.Content.DecodeTo(counter);
            size = counter.Length;
        }
        string? name = (entity as MimePart)?.FileName ?? entity.ContentType.Name;
        return new MailAttachment(name, entity.ContentType.MimeType, size);
    }

    /// <summary>Counts what is written and keeps nothing: an attachment's decoded size without holding it.</summary>
    sealed class CountingStream : Stream
    {
        long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
