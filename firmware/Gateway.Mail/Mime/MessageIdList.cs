using System.Collections;

namespace Gateway.Mail.Mime;

/// <summary>
/// The ids in a Message-ID, In-Reply-To or References header ("&lt;a@b&gt; &lt;c@d&gt;"), without their
/// angle brackets, keeping only plain ones (printable ASCII, one '@', no blanks) so a reply never
/// echoes anything odd into its own headers.
/// </summary>
public static class MessageIdList
{
    /// <summary>The last <paramref name="max"/> usable ids, in order.</summary>
    public static string[] Parse(string header, int max)
    {
        var ids = new ArrayList();
        int i = 0;
        while (i < header.Length)
        {
            int open = header.IndexOf('<', i);
            if (open < 0) break;
            int close = header.IndexOf('>', open + 1);
            if (close < 0) break;
            string id = header.Substring(open + 1, close - open - 1);
            if (IsPlain(id))
            {
                ids.Add(id);
                if (ids.Count > max) ids.RemoveAt(0);
            }
            i = close + 1;
        }
        return (string[])ids.ToArray(typeof(string));
    }

    static bool IsPlain(string id)
    {
        if (id.Length == 0 || id.Length > MessageComposer.MaxMessageIdLength) return false;
        int at = -1;
        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            if (c <= ' ' || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == ',' || c == ';' || c == '\\') return false;
            if (c == '@')
            {
                if (at >= 0) return false;
                at = i;
            }
        }
        return at > 0 && at < id.Length - 1;
    }
}
