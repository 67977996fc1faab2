using Gateway.Mail.Mime;

namespace Gateway.Fuzz.Targets;

/// <summary>
/// The input as a mail, fed a line at a time (CRLF or a bare LF ends one), through the reader with the
/// poller's limits and again with tiny ones (depth 2, 16-byte chunks) that reach every limit's path.
/// The reader has no errors: whatever the mail, it ends, and its strings stay within the limits.
/// </summary>
public sealed class MimeTarget : IFuzzTarget
{
    public string Name => "mime";

    public string[] Instrument => ["Gateway.Mail.dll"];

    public void Run(byte[] input)
    {
        // Made here, not in a static field: no instrumented code may run before the fork server starts.
        Read(input, new MimeLimits { MaxTextChars = 4096, MaxHeaderBlock = 16 * 1024 });
        Read(input, new MimeLimits { MaxHeaderLine = 100, MaxHeaderBlock = 1000, MaxDepth = 2, MaxTextChars = 64, ChunkSize = 16 });
    }

    static void Read(byte[] input, MimeLimits limits)
    {
        var reader = new MimeReader(limits);
        int start = 0;
        for (int i = 0; i < input.Length; i++)
        {
            if (input[i] != '\n') continue;
            int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
            reader.Line(input, start, end - start);
            start = i + 1;
        }
        if (start < input.Length) reader.Line(input, start, input.Length - start);
        reader.End();
        if (!reader.Ended) throw new FuzzContractException("End() did not end the reader");
        if (reader.Text.Length > limits.MaxTextChars) throw new FuzzContractException("text of " + reader.Text.Length + " chars, limit " + limits.MaxTextChars);
        if (reader.Subject.Length > limits.MaxHeaderLine) throw new FuzzContractException("subject of " + reader.Subject.Length + " chars");
        if (reader.From.Length > limits.MaxHeaderLine) throw new FuzzContractException("from of " + reader.From.Length + " chars");
        _ = reader.Flags;
    }

    public bool IsTypedError(Exception e) => false;
}
