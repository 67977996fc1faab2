namespace Gateway.Core.Frames;

/// <summary>A header a frame can carry, in the order the decoder meets them.</summary>
public enum FrameLayer
{
    None = 0,
    Frame,
    Ethernet,
    LinuxSll,
    LinuxSll2,
    Loopback,
    Arp,
    Ipv4,
    Ipv6,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
}
