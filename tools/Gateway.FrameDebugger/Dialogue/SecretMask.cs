using System.Text;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// Masks credentials in a frame's payload for the views that show raw bytes (<see cref="MailDialogue.Masked"/>):
/// the bytes <see cref="CredentialRule"/> found, by their TCP sequence numbers, and every other occurrence
/// of a secret's text (a secret split across two frames is masked in each part that holds at least
/// <see cref="MinPart"/> of its bytes at the frame's edge).
/// </summary>
public static class SecretMask
{
    /// <summary>Shorter texts and pieces at a frame's edge are left to the sequence numbers: too likely to match ordinary bytes.</summary>
    public const int MinPart = 4;

    /// <summary>Overwrites with '*' the bytes of <paramref name="payload"/> (its first byte is sequence number <paramref name="seq"/>) inside any range.</summary>
    public static void MaskRanges(Span<byte> payload, uint seq, IEnumerable<(uint Seq, int Length)> ranges)
    {
        foreach (var (start, length) in ranges)
        {
            // Where the range starts relative to the payload (sequence numbers wrap: the difference is signed).
            long from = unchecked((int)(start - seq));
            long to = Math.Min(payload.Length, from + length);
            if (to > 0 && from < payload.Length) payload[(int)Math.Max(0, from)..(int)to].Fill((byte)'*');
        }
    }

    /// <summary>Overwrites with '*' every occurrence of a secret's text, and its end or start at the payload's edges.</summary>
    public static void MaskStrings(Span<byte> payload, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            var needle = Encoding.UTF8.GetBytes(secret);
            if (needle.Length < MinPart) continue;
            for (int from = 0; from < payload.Length;)
            {
                int i = payload[from..].IndexOf(needle);
                if (i < 0) break;
                payload.Slice(from + i, needle.Length).Fill((byte)'*');
                from += i + needle.Length;
            }
            // The secret's end at the payload's start, or its start at the payload's end.
            for (int n = Math.Min(needle.Length - 1, payload.Length); n >= MinPart; n--)
            {
                if (payload[^n..].SequenceEqual(needle.AsSpan(0, n))) payload[^n..].Fill((byte)'*');
                if (payload[..n].SequenceEqual(needle.AsSpan(needle.Length - n))) payload[..n].Fill((byte)'*');
            }
        }
    }
}
