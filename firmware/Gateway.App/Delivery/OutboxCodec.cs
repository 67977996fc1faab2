using System.Collections;
using System;
using Gateway.Core.Text;

namespace Gateway.App.Delivery;

/// <summary>
/// An outbox entry as stored: "key: value" lines, free text in base64 so no character can break the
/// format, and a last line "sum: " with the FNV-1a of everything before it, so a torn write is
/// detected and never trusted.
/// </summary>
public static class OutboxCodec
{
    const string Magic = "gateway-outbox 1";

    /// <summary>The stored form of an entry, made in one array of its exact size (the body is read once per pass, never copied).</summary>
    public static byte[] Encode(OutboxEntry e)
    {
        var w = new RecordWriter();
        Write(e, w); // counts
        w.Allocate(Checksummed.SumLineLength);
        Write(e, w);
        return Checksummed.Seal(w.Buffer, w.Count);
    }

    static void Write(OutboxEntry e, RecordWriter w)
    {
        Line(w, null, Magic);
        Line(w, "message-id: ", e.MessageId);
        Line(w, "created: ", IsoTime.Format(e.CreatedUtc));
        Line(w, "attempts: ", Ascii.FromInt(e.Attempts));
        Line(w, "next: ", IsoTime.Format(e.NextAttemptUtc));
        w.Text("to: ");
        for (int i = 0; i < e.To.Length; i++)
        {
            if (i > 0) w.Byte((byte)',');
            w.Text(e.To[i]);
        }
        w.Byte((byte)'\n');
        Base64Line(w, "subject: ", e.Subject);
        Base64Line(w, "body: ", e.Body);
        if (e.InReplyTo != null) Line(w, "in-reply-to: ", e.InReplyTo);
        if (e.References != null) Line(w, "references: ", e.References);
        if (e.LastError.Length > 0) Base64Line(w, "last-error: ", e.LastError);
    }

    static void Line(RecordWriter w, string? key, string value)
    {
        if (key != null) w.Text(key);
        w.Text(value);
        w.Byte((byte)'\n');
    }

    static void Base64Line(RecordWriter w, string key, string text)
    {
        w.Text(key);
        w.Base64Utf8(text);
        w.Byte((byte)'\n');
    }

    /// <summary>Decodes a stored entry, or returns null and says why (torn, damaged, not an entry).</summary>
    public static OutboxEntry? Decode(byte[] data, out string problem)
    {
        problem = "";
        int sumLine = Checksummed.Open(data);
        if (sumLine < 0)
        {
            problem = "checksum missing or wrong (torn or damaged write)";
            return null;
        }
        var lines = Utf8.Decode(data, 0, sumLine).Split('\n');
        if (lines.Length == 0 || lines[0] != Magic)
        {
            problem = "not an outbox entry";
            return null;
        }
        string? id = null, created = null, next = null, to = null, subject = null, body = null;
        string? inReplyTo = null, references = null, lastError = null, attempts = null;
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0) { problem = "malformed line " + Ascii.FromInt(i + 1); return null; }
            string key = line.Substring(0, colon);
            string value = Ascii.TrimBlanks(line.Substring(colon + 1));
            if (key == "message-id") id = value;
            else if (key == "created") created = value;
            else if (key == "attempts") attempts = value;
            else if (key == "next") next = value;
            else if (key == "to") to = value;
            else if (key == "subject") subject = value;
            else if (key == "body") body = value;
            else if (key == "in-reply-to") inReplyTo = value;
            else if (key == "references") references = value;
            else if (key == "last-error") lastError = value;
        }
        if (id == null || created == null || attempts == null || next == null || to == null || subject == null || body == null)
        {
            problem = "a required field is missing";
            return null;
        }
        if (!IsoTime.TryParse(created, out DateTime createdUtc) || !IsoTime.TryParse(next, out DateTime nextUtc) || !Ascii.TryParseInt(attempts, out int n))
        {
            problem = "a time or count field is malformed";
            return null;
        }
        try
        {
            var e = new OutboxEntry(id, createdUtc, SplitComma(to), Unb64(subject), Unb64(body));
            e.Attempts = n;
            e.NextAttemptUtc = nextUtc;
            e.InReplyTo = inReplyTo;
            e.References = references;
            e.LastError = lastError == null ? "" : Unb64(lastError);
            return e;
        }
        catch (FormatException)
        {
            problem = "a text field is not valid base64";
            return null;
        }
    }

    static string Unb64(string s) => Utf8.Decode(Convert.FromBase64String(s));

    static string[] SplitComma(string s)
    {
        var parts = s.Split(',');
        var list = new ArrayList();
        for (int i = 0; i < parts.Length; i++)
        {
            string p = Ascii.TrimBlanks(parts[i]);
            if (p.Length > 0) list.Add(p);
        }
        return (string[])list.ToArray(typeof(string));
    }
}
