namespace Gateway.Core.Crypto;

/// <summary>Comparisons whose time does not depend on where the inputs differ (a MAC check must not leak a prefix).</summary>
public static class FixedTime
{
    /// <summary>
    /// True when both arrays hold the same bytes. Every byte is looked at whatever the first difference;
    /// only the lengths (not secret: a MAC's length is public) end it early.
    /// </summary>
    public static bool Equals(byte[]? a, byte[]? b)
    {
        if (a == null || b == null || a.Length != b.Length) return false;
        int diff = 0;
        for (int i = 0; i < a.Length; i++)
            diff |= a[i] ^ b[i];
        return diff == 0;
    }
}
