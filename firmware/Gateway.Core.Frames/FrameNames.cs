namespace Gateway.Core.Frames;

/// <summary>Names of on-wire values. An unknown value is shown as hex (smoltcp's Unknown(raw)), never dropped.</summary>
public static class FrameNames
{
    public static string Layer(FrameLayer layer) => layer switch
    {
        FrameLayer.Frame => "Frame",
        FrameLayer.Ethernet => "Ethernet",
        FrameLayer.LinuxSll => "Linux SLL",
        FrameLayer.LinuxSll2 => "Linux SLL2",
        FrameLayer.Loopback => "Loopback",
        FrameLayer.Arp => "ARP",
        FrameLayer.Ipv4 => "IPv4",
        FrameLayer.Ipv6 => "IPv6",
        FrameLayer.Tcp => "TCP",
        FrameLayer.Udp => "UDP",
        FrameLayer.Icmp => "ICMP",
        FrameLayer.Icmpv6 => "ICMPv6",
        _ => "none",
    };

    public static string ErrorKind(FrameErrorKind kind) => kind switch
    {
        FrameErrorKind.OutOfRange => "slice outside the buffer",
        FrameErrorKind.Truncated => "truncated",
        FrameErrorKind.BadHeaderLength => "impossible header length",
        FrameErrorKind.BadTotalLength => "impossible total length",
        FrameErrorKind.BadVersion => "wrong IP version",
        FrameErrorKind.TooManyHeaders => "too many stacked headers",
        FrameErrorKind.UnknownLinkType => "unknown link type",
        _ => "no error",
    };

    public static string EtherType(EtherType type) => type switch
    {
        Frames.EtherType.Ipv4 => "IPv4",
        Frames.EtherType.Arp => "ARP",
        Frames.EtherType.Vlan => "802.1Q",
        Frames.EtherType.Ipv6 => "IPv6",
        Frames.EtherType.QinQ => "802.1ad",
        Frames.EtherType.QinQLegacy => "QinQ-0x9100",
        _ => FrameText.Hex((int)type, 4),
    };

    public static string IpProtocol(IpProtocol protocol) => protocol switch
    {
        Frames.IpProtocol.HopByHop => "HopByHop",
        Frames.IpProtocol.Icmp => "ICMP",
        Frames.IpProtocol.Tcp => "TCP",
        Frames.IpProtocol.Udp => "UDP",
        Frames.IpProtocol.Ipv6Routing => "Routing",
        Frames.IpProtocol.Ipv6Fragment => "Fragment",
        Frames.IpProtocol.Icmpv6 => "ICMPv6",
        Frames.IpProtocol.Ipv6NoNext => "NoNext",
        Frames.IpProtocol.Ipv6DestinationOptions => "DestOpts",
        _ => FrameText.Hex((int)protocol, 2),
    };

    public static string Checksum(ChecksumStatus status) => status switch
    {
        ChecksumStatus.Valid => "valid",
        ChecksumStatus.Invalid => "INVALID",
        ChecksumStatus.NotVerifiable => "not verifiable",
        ChecksumStatus.NotVerifiableOffloaded => "offloaded",
        _ => "unchecked",
    };

    public static string IcmpType(int type) => type switch
    {
        0 => "echo-reply",
        3 => "dest-unreachable",
        5 => "redirect",
        8 => "echo-request",
        11 => "time-exceeded",
        12 => "parameter-problem",
        13 => "timestamp",
        14 => "timestamp-reply",
        _ => FrameText.Decimal(type),
    };

    public static string Icmpv6Type(int type) => type switch
    {
        1 => "dest-unreachable",
        2 => "packet-too-big",
        3 => "time-exceeded",
        4 => "parameter-problem",
        128 => "echo-request",
        129 => "echo-reply",
        133 => "router-solicit",
        134 => "router-advert",
        135 => "neighbor-solicit",
        136 => "neighbor-advert",
        137 => "redirect",
        _ => FrameText.Decimal(type),
    };

    public static string ArpOperation(int op) => op switch
    {
        1 => "request",
        2 => "reply",
        _ => FrameText.Decimal(op),
    };

    public static string TcpOption(int kind) => kind switch
    {
        TcpView.OptionEnd => "EOL",
        TcpView.OptionNop => "NOP",
        TcpView.OptionMss => "MSS",
        TcpView.OptionWindowScale => "WS",
        TcpView.OptionSackPermitted => "SACK_PERM",
        TcpView.OptionSack => "SACK",
        TcpView.OptionTimestamps => "TS",
        _ => "opt" + FrameText.Decimal(kind),
    };

    public static string Ipv4Option(int kind) => kind switch
    {
        0 => "EOL",
        1 => "NOP",
        7 => "RR",
        68 => "TS",
        130 => "SEC",
        131 => "LSRR",
        137 => "SSRR",
        148 => "RTRALT",
        _ => "opt" + FrameText.Decimal(kind),
    };
}
