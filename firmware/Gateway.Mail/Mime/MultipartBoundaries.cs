using Gateway.Core.Text;

namespace Gateway.Mail.Mime;

/// <summary>
/// The boundaries of the multiparts a <see cref="MimeReader"/> is inside, outermost first, in fixed memory
/// (one buffer per level, made when the level is first used): which line closes which part (RFC 2046 5.1.1).
/// </summary>
internal sealed class MultipartBoundaries
{
    readonly byte[][] _boundaries;
    readonly int[] _lengths;
    readonly bool[] _digest; // whether each open multipart is multipart/digest

    public MultipartBoundaries(int maxDepth)
    {
        int depth = maxDepth < 1 ? 1 : maxDepth;
        _boundaries = new byte[depth][];
        _lengths = new int[depth];
        _digest = new bool[depth];
    }

    /// <summary>How many multiparts are open.</summary>
    public int Depth { get; set; }

    /// <summary>Whether the innermost open multipart is multipart/digest (its parts default to message/rfc822).</summary>
    public bool InDigest => Depth > 0 && _digest[Depth - 1];

    /// <summary>Opens a multipart whose Content-Type is <paramref name="contentType"/>; what was wrong (nothing opened), else <see cref="MimeFlags.None"/>.</summary>
    public MimeFlags Open(string contentType, bool digest)
    {
        if (Depth >= _boundaries.Length)
            return MimeFlags.DepthExceeded; // its body is skipped up to a boundary of an enclosing part
        string? boundary = MimeHeaderValue.Parameter(contentType, "boundary");
        if (boundary == null || boundary.Length == 0 || boundary.Length > MimeLimits.MaxBoundaryLength)
            return MimeFlags.BadBoundary;
        var bytes = _boundaries[Depth] ??= new byte[MimeLimits.MaxBoundaryLength * 3]; // UTF-8 of 100 chars
        _lengths[Depth] = Utf8.Encode(boundary, 0, boundary.Length, bytes, 0);
        _digest[Depth] = digest;
        Depth++;
        return MimeFlags.None;
    }

    /// <summary>
    /// The level (0 outermost) whose boundary the line is, innermost first ("--" boundary, "--" for the
    /// last, then only blanks); -1 when it is none.
    /// </summary>
    public int Match(byte[] b, int offset, int count, out bool closing)
    {
        closing = false;
        if (Depth == 0 || count < 3 || b[offset] != '-' || b[offset + 1] != '-') return -1;
        for (int k = Depth - 1; k >= 0; k--)
            if (Is(b, offset, count, k, out closing)) return k;
        return -1;
    }

    bool Is(byte[] b, int offset, int count, int level, out bool closing)
    {
        closing = false;
        var boundary = _boundaries[level];
        int length = _lengths[level];
        if (count < 2 + length) return false;
        for (int i = 0; i < length; i++)
            if (b[offset + 2 + i] != boundary[i]) return false;
        int p = offset + 2 + length;
        int end = offset + count;
        if (p + 1 < end && b[p] == '-' && b[p + 1] == '-')
        {
            closing = true;
            p += 2;
        }
        for (; p < end; p++)
            if (!Ascii.IsBlank(b[p])) return false;
        return true;
    }
}
