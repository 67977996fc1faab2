namespace Gateway.Core.Frames;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words.
/// Sums are kept unfolded in a uint; each Add folds its result, so chained calls cannot overflow.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds the bytes as big-endian 16-bit words (an odd last byte padded with zero) to <paramref name="sum"/>.</summary>
    public static uint Add(byte[] b, int offset, int length, uint sum)
    {
        int end = offset + length;
        int i = offset;
        // Four words per turn: the sum is the hot path of decoding. At most 32768 words of 0xffff
        // fit a 16-bit length field, so the uint cannot overflow before the fold below.
        for (; i + 7 < end; i += 8)
            sum += (uint)(((b[i] << 8) | b[i + 1]) + ((b[i + 2] << 8) | b[i + 3]) + ((b[i + 4] << 8) | b[i + 5]) + ((b[i + 6] << 8) | b[i + 7]));
        for (; i + 1 < end; i += 2)
            sum += (uint)((b[i] << 8) | b[i + 1]);
        if (i < end)
            sum += (uint)(b[i] << 8);
        return (sum & 0xFFFF) + (sum >> 16);
    }

    /// <summary>Folds the carries back in: the 16-bit ones' complement sum, not yet complemented.</summary>
    public static int Fold(uint sum)
    {
        while ((sum >> 16) != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (int)sum;
    }

    /// <summary>
    /// Checks a transport checksum: <paramref name="sum"/> covers the pseudo-header and the whole segment,
    /// <paramref name="pseudoHeaderSum"/> the pseudo-header alone, <paramref name="stored"/> is the field's value.
    /// </summary>
    public static ChecksumStatus Verify(uint sum, uint pseudoHeaderSum, int stored)
    {
        if (Fold(sum) == 0xFFFF) return ChecksumStatus.Valid;
        // Checksum offload (RFC-less but universal): the stack writes the folded pseudo-header sum and
        // leaves the rest to the network card, which loopback never has. Linux writes it uncomplemented.
        int partial = Fold(pseudoHeaderSum);
        if (stored == partial || stored == (~partial & 0xFFFF)) return ChecksumStatus.NotVerifiableOffloaded;
        return ChecksumStatus.Invalid;
    }
}
