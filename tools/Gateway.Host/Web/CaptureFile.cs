namespace Gateway.Host.Web;

/// <summary>A capture the page can show: its name and the bytes of a pcap or pcapng file (a live one grows).</summary>
public sealed class CaptureFile(string id, string name, Func<byte[]> bytes)
{
    public string Id => id;
    public string Name => name;

    /// <summary>The file as it is now (for a live capture, a snapshot).</summary>
    public byte[] Bytes() => bytes();
}
