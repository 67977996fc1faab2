namespace Gateway.Core.Frames;

/// <summary>The capture's link-layer header type (tcpdump.org LINKTYPE_ values, as in pcap files).</summary>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,
    Ethernet = 1,
    /// <summary>Raw IP; the version nibble says IPv4 or IPv6.</summary>
    Raw = 101,
    /// <summary>Linux "cooked" capture, version 1 (16-byte header; tcpdump -i any before libpcap 1.10).</summary>
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    /// <summary>Linux "cooked" capture, version 2 (20-byte header; tcpdump -i any).</summary>
    LinuxSll2 = 276,
}
