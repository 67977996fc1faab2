namespace Gateway.Core.Text;

/// <summary>FNV-1a, 32 bits: a cheap check that a stored blob was written whole (a torn flash write), not a security hash.</summary>
public static class Fnv1a
{
    public static uint Hash(byte[] b, int offset, int count)
    {
        uint h = 2166136261;
        for (int i = offset; i < offset + count; i++)
        {
            h ^= b[i];
            h *= 16777619;
        }
        return h;
    }

    public static string Hex(uint v)
    {
        const string digits = "0123456789abcdef";
        var c = new char[8];
        for (int i = 7; i >= 0; i--)
        {
            c[i] = digits[(int)(v & 0xF)];
            v >>= 4;
        }
        return new string(c);
    }
}
