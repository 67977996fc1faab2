namespace Gateway.Core.Text;

/// <summary>
/// A stored blob that proves it was written whole: the content, then a last line
/// "sum: xxxxxxxx\n" with the FNV-1a of everything before it. Flash writes can tear on power loss;
/// a torn or damaged blob is detected and never trusted.
/// </summary>
public static class Checksummed
{
    /// <summary>The bytes the checksum line takes after the content.</summary>
    public const int SumLineLength = 14; // "sum: " + 8 hex digits + "\n"

    /// <summary>The UTF-8 of <paramref name="content"/> and its checksum line, made in one array (no copy of the content).</summary>
    public static byte[] Seal(string content)
    {
        int n = Utf8.GetByteCount(content);
        var all = new byte[n + SumLineLength];
        Utf8.Encode(content, 0, content.Length, all, 0);
        return Seal(all, n);
    }

    /// <summary>Writes the checksum line of the first <paramref name="n"/> bytes into the <see cref="SumLineLength"/> bytes after them; returns the array.</summary>
    public static byte[] Seal(byte[] all, int n)
    {
        string sum = "sum: " + Fnv1a.Hex(Fnv1a.Hash(all, 0, n)) + "\n";
        for (int i = 0; i < SumLineLength; i++) all[n + i] = (byte)sum[i];
        return all;
    }

    /// <summary>The length of the content before the checksum line, or -1 when the blob is torn or damaged.</summary>
    public static int Open(byte[] data)
    {
        int end = data.Length;
        if (end == 0 || data[end - 1] != (byte)'\n') return -1;
        int i = end - 2;
        while (i >= 0 && data[i] != (byte)'\n') i--;
        int sumLine = i + 1;
        const int Prefix = 5; // "sum: "
        if (end - sumLine != Prefix + 8 + 1 || !Ascii.StartsWithIgnoreCase(data, sumLine, end - sumLine, "sum: ")) return -1;
        string sum = Utf8.Decode(data, sumLine + Prefix, 8);
        return sum == Fnv1a.Hex(Fnv1a.Hash(data, 0, sumLine)) ? sumLine : -1;
    }
}
