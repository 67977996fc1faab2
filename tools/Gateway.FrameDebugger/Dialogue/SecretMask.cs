using System.Text;

namespace Gateway.FrameDebugger.Dialogue;

/// <summary>
/// Masks credentials in raw bytes (the hex dump of --explain, the JSON hex, --svg): every occurrence
/// of a secret the dialogue redacted is overwritten with '*'. A secret split across two frames is
/// masked in each part that holds at least <see cref="MinPart"/> of its bytes at the frame's edge.
/// </summary>
public static class SecretMask
{
    /// <summary>Shorter pieces at a frame's edge are left: too likely to match ordinary bytes.</summary>
    public const int MinPart = 4;

    /// <summary>
    /// A copy of the frame (<paramref name="length"/> bytes from <paramref name="offset"/>) with the secrets
    /// masked in its payload, which starts <paramref name="payloadStart"/> bytes into the frame.
    /// </summary>
    public static byte[] Apply(byte[] data, int offset, int length, int payloadStart, int payloadLength, IEnumerable<string> secrets)
    {
        var copy = data.AsSpan(offset, length).ToArray();
        if (payloadStart < 0 || payloadLength <= 0 || payloadStart + payloadLength > copy.Length) return copy;
        var payload = copy.AsSpan(payloadStart, payloadLength);
        foreach (var secret in secrets)
        {
            var needle = Encoding.UTF8.GetBytes(secret);
            if (needle.Length == 0) continue;
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
        return copy;
    }
}
