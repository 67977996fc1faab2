namespace Gateway.Mail.Mime;

/// <summary>
/// Takes a message's decoded text a line at a time as the MIME reader produces it (see
/// <see cref="MimeReader.TextLineSink"/>), so the text is never held whole: a command mail needs only
/// its signed block, and a device its heap.
/// </summary>
public interface ITextLineSink
{
    /// <summary>One line, without its line break; at most the reader's MaxTextChars (the rest of a longer line is dropped).</summary>
    void TextLine(string line);

    /// <summary>The reader chose another part's text (text/plain after text/html): forget the lines so far.</summary>
    void TextRestarted();
}
