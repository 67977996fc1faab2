using System;

namespace Gateway.Core.Text;

/// <summary>
/// A stored blob that proves it was written whole: the content, then a last line
/// "sum: xxxxxxxx\n" with the FNV-1a of everything before it. Flash writes can tear on power loss;
/// a torn or damaged blob is detected and never trusted.
/// </summary>
public static class Checksummed
{
    public static byte[] Seal(byte[] body)
    {
        byte[] sum = Utf8.GetBytes("sum: " + Fnv1a.Hex(Fnv1a.Hash(body, 0, body.Length)) + "\n");
        var all = new byte[body.Length + sum.Length];
        Array.Copy(body, all, body.Length);
        Array.Copy(sum, 0, all, body.Length, sum.Length);
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
