namespace Gateway.Core.Frames;

/// <summary>
/// One kind-length-value option of an IPv4 or TCP header (both use RFC 791's layout: kind 0 ends the
/// list, kind 1 is a one-byte pad, every other kind has a length byte counting kind and length).
/// </summary>
public readonly struct HeaderOption
{
    public const int KindEnd = 0;
    public const int KindNop = 1;

    public HeaderOption(int kind, int offset, int length, bool malformed)
    {
        Kind = kind;
        Offset = offset;
        Length = length;
        IsMalformed = malformed;
    }

    /// <summary>The kind byte, kept raw: unknown kinds are listed like known ones.</summary>
    public int Kind { get; }
    /// <summary>Index of the kind byte in the buffer.</summary>
    public int Offset { get; }
    /// <summary>Bytes the option takes, kind byte included. For a malformed option: the bytes left.</summary>
    public int Length { get; }
    /// <summary>The length byte is missing, below 2, or runs past the options: the rest is kept raw.</summary>
    public bool IsMalformed { get; }

    public int DataOffset => Offset + 2;
    public int DataLength => IsMalformed || Length < 2 ? 0 : Length - 2;

    /// <summary>
    /// Reads the option at <paramref name="at"/> in the options area ending at <paramref name="end"/>;
    /// false when none is left. After EOL the rest is padding, shown as one EOL option.
    /// </summary>
    public static bool TryRead(byte[] b, int at, int end, out HeaderOption option)
    {
        option = default;
        if (at >= end) return false;
        int kind = b[at];
        if (kind == KindEnd) { option = new HeaderOption(kind, at, end - at, false); return true; }
        if (kind == KindNop) { option = new HeaderOption(kind, at, 1, false); return true; }
        if (at + 1 >= end) { option = new HeaderOption(kind, at, end - at, true); return true; }
        int len = b[at + 1];
        if (len < 2 || len > end - at) { option = new HeaderOption(kind, at, end - at, true); return true; }
        option = new HeaderOption(kind, at, len, false);
        return true;
    }

    /// <summary>Options in [<paramref name="start"/>, <paramref name="end"/>), a malformed rest counted as one.</summary>
    public static int Count(byte[] b, int start, int end)
    {
        int n = 0;
        for (int at = start; TryRead(b, at, end, out var option); at += option.Length) n++;
        return n;
    }

    /// <summary>The option at position <paramref name="index"/> (0 = first) of the list in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static bool TryReadAt(byte[] b, int start, int end, int index, out HeaderOption option)
    {
        int at = start;
        for (int i = 0; TryRead(b, at, end, out option); i++, at += option.Length)
            if (i == index) return true;
        return false;
    }
}
