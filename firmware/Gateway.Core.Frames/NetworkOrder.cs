namespace Gateway.Core.Frames;

/// <summary>Big-endian ("network byte order") reads. Callers have checked the bounds.</summary>
public static class NetworkOrder
{
    public static int U16(byte[] b, int at) => (b[at] << 8) | b[at + 1];

    public static uint U32(byte[] b, int at) =>
        ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];

    /// <summary>Whether [offset, offset + length) lies inside the array.</summary>
    public static bool IsSlice(byte[]? b, int offset, int length) =>
        b != null && offset >= 0 && length >= 0 && offset <= b.Length && length <= b.Length - offset;
}
