using System.Net;
using System.Text;

namespace Gateway.Host.Web;

/// <summary>
/// HTML mail made safe to show: the markup is read as tags and text and written anew, keeping only
/// formatting tags from a short list, with no attribute but a link's http/https/mailto address. Text is
/// decoded and encoded again, so nothing the sender wrote reaches the page as markup. The contents of
/// script, style and other active or hidden elements are dropped whole; comments and declarations too.
/// The page also shows the result in a sandboxed frame under a policy that allows no script.
/// </summary>
public static class HtmlSanitizer
{
    static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "b", "i", "u", "em", "strong", "small", "big", "sub", "sup", "s", "strike", "code", "pre", "kbd", "tt",
        "blockquote", "q", "cite", "div", "span", "font", "center", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "a",
    };

    static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase) { "br", "hr" };

    /// <summary>Elements whose whole content is dropped: it runs, styles, or is not meant to be read.</summary>
    static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "title", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
        "noembed", "noframes", "template", "svg", "math", "textarea", "select", "xmp", "plaintext", "xml",
    };

    public static string Sanitize(string html)
    {
        var output = new StringBuilder(html.Length);
        int i = 0;
        while (i < html.Length)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0) lt = html.Length;
            AppendText(output, html, i, lt);
            if (lt >= html.Length) break;
            i = Tag(html, lt, output);
        }
        return output.ToString();
    }

    /// <summary>Reads the markup at <paramref name="lt"/> (a '&lt;'); writes what is kept; returns where the text goes on.</summary>
    static int Tag(string html, int lt, StringBuilder output)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            return After(html, "-->", lt + 4);
        if (lt + 1 < html.Length && html[lt + 1] is '!' or '?')
            return After(html, ">", lt + 1);
        bool closing = lt + 1 < html.Length && html[lt + 1] == '/';
        int nameStart = lt + (closing ? 2 : 1);
        int nameEnd = nameStart;
        while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
        if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            output.Append("&lt;"); // a '<' that starts no tag is text
            return lt + 1;
        }
        var name = html[nameStart..nameEnd].ToLowerInvariant();
        int end = TagEnd(html, nameEnd);
        var attributes = html[nameEnd..Math.Min(end, html.Length)];
        int next = Math.Min(end + 1, html.Length);
        if (!closing && Dropped.Contains(name))
            return SkipElement(html, name, next);
        if (!Kept.Contains(name)) return next;
        if (closing)
        {
            if (!Void.Contains(name)) output.Append("</").Append(name).Append('>');
            return next;
        }
        output.Append('<').Append(name);
        if (name == "a" && SafeLink(Attribute(attributes, "href")) is { } href)
            output.Append(" href=\"").Append(WebUtility.HtmlEncode(href)).Append("\" rel=\"noopener noreferrer\" target=\"_blank\"");
        output.Append('>');
        return next;
    }

    /// <summary>The '>' that ends a tag, skipping quoted attribute values (which may hold '>').</summary>
    static int TagEnd(string html, int from)
    {
        char quote = '\0';
        for (int i = from; i < html.Length; i++)
        {
            char c = html[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '>') return i;
        }
        return html.Length;
    }

    static int SkipElement(string html, string name, int from)
    {
        int close = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html.Length : After(html, ">", close);
    }

    static int After(string html, string marker, int from)
    {
        int at = html.IndexOf(marker, from, StringComparison.Ordinal);
        return at < 0 ? html.Length : at + marker.Length;
    }

    /// <summary>The value of one attribute (quoted or not, entities decoded), or null.</summary>
    static string? Attribute(string attributes, string wanted)
    {
        int i = 0;
        while (i < attributes.Length)
        {
            while (i < attributes.Length && (char.IsWhiteSpace(attributes[i]) || attributes[i] == '/')) i++;
            int nameStart = i;
            while (i < attributes.Length && !char.IsWhiteSpace(attributes[i]) && attributes[i] is not ('=' or '/')) i++;
            var name = attributes[nameStart..i];
            while (i < attributes.Length && char.IsWhiteSpace(attributes[i])) i++;
            string value = "";
            if (i < attributes.Length && attributes[i] == '=')
            {
                i++;
                while (i < attributes.Length && char.IsWhiteSpace(attributes[i])) i++;
                if (i < attributes.Length && attributes[i] is '"' or '\'')
                {
                    char quote = attributes[i++];
                    int close = attributes.IndexOf(quote, i);
                    if (close < 0) close = attributes.Length;
                    value = attributes[i..close];
                    i = Math.Min(close + 1, attributes.Length);
                }
                else
                {
                    int start = i;
                    while (i < attributes.Length && !char.IsWhiteSpace(attributes[i])) i++;
                    value = attributes[start..i];
                }
            }
            if (name.Length == 0) i++;
            else if (name.Equals(wanted, StringComparison.OrdinalIgnoreCase)) return WebUtility.HtmlDecode(value);
        }
        return null;
    }

    /// <summary>An address a link may keep: http, https or mailto, nothing hidden in control characters.</summary>
    static string? SafeLink(string? href)
    {
        if (href == null) return null;
        href = href.Trim();
        if (href.Any(c => char.IsControl(c) || c == ' ')) return null;
        return href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href : null;
    }

    static void AppendText(StringBuilder output, string html, int from, int to)
    {
        if (to > from) output.Append(WebUtility.HtmlEncode(WebUtility.HtmlDecode(html[from..to])));
    }
}
