namespace Gateway.Core.Frames;

/// <summary>
/// The result of <see cref="FrameDecoder.Decode"/>: the headers found, outermost first, as views over the
/// frame's bytes, the checksum verdicts, where the carried data is, and the error where decoding stopped.
/// Owned by the caller and reused from frame to frame: decoding allocates nothing. A layer's view is
/// there only when <see cref="Has"/> says the frame has that layer: asking for an absent one throws
/// InvalidOperationException naming it, so no view over another frame's header or over no bytes exists.
/// </summary>
/// <remarks>
/// Ethernet, IPv4, TCP and UDP, the layers of nearly every frame, are kept as positions in
/// <see cref="Frame"/> and their views made when read: storing a view (which holds the array) in this
/// object would cost a GC write barrier per layer per frame.
/// </remarks>
public sealed class FrameLayers
{
    /// <summary>Link, network and transport headers: three at most today, one spare.</summary>
    public const int MaxLayers = 4;

    readonly FrameLayer[] _order = new FrameLayer[MaxLayers];
    int _count;

    public byte[]? Frame { get; private set; }
    public int FrameOffset { get; private set; }
    public int FrameLength { get; private set; }
    public LinkType Link { get; private set; }

    public EthernetView Ethernet => new EthernetView(Bytes(FrameLayer.Ethernet), _ethernetOffset, _ethernetLength, _ethernetTags);
    public LinuxSllView LinuxSll { get { Need(FrameLayer.LinuxSll); return _linuxSll; } internal set => _linuxSll = value; }
    public LinuxSll2View LinuxSll2 { get { Need(FrameLayer.LinuxSll2); return _linuxSll2; } internal set => _linuxSll2 = value; }
    public LoopbackView Loopback { get { Need(FrameLayer.Loopback); return _loopback; } internal set => _loopback = value; }
    public ArpView Arp { get { Need(FrameLayer.Arp); return _arp; } internal set => _arp = value; }
    public Ipv4View Ipv4 => new Ipv4View(Bytes(FrameLayer.Ipv4), _ipv4Offset);
    public Ipv6View Ipv6 { get { Need(FrameLayer.Ipv6); return _ipv6; } internal set => _ipv6 = value; }
    public TcpView Tcp => new TcpView(Bytes(FrameLayer.Tcp), _tcpOffset, _tcpLength);
    public UdpView Udp => new UdpView(Bytes(FrameLayer.Udp), _udpOffset);
    public IcmpView Icmp { get { Need(FrameLayer.Icmp); return _icmp; } internal set => _icmp = value; }
    public IcmpView Icmpv6 { get { Need(FrameLayer.Icmpv6); return _icmpv6; } internal set => _icmpv6 = value; }

    LinuxSllView _linuxSll;
    LinuxSll2View _linuxSll2;
    LoopbackView _loopback;
    ArpView _arp;
    Ipv6View _ipv6;
    IcmpView _icmp, _icmpv6;

    /// <summary>The frame, for a layer it has.</summary>
    /// <remarks>The throw is in a method of its own, so the view getters stay small enough for the JIT to inline.</remarks>
    byte[] Bytes(FrameLayer layer)
    {
        Need(layer);
        return Frame!;
    }

    void Need(FrameLayer layer)
    {
        if ((_present & (1 << (int)layer)) == 0) Absent(layer);
    }

    int _present; // a bit per FrameLayer the frame has
    int _ethernetOffset, _ethernetLength, _ethernetTags, _ipv4Offset, _tcpOffset, _tcpLength, _udpOffset;

    internal void SetEthernet(int offset, int length, int tags)
    {
        _ethernetOffset = offset;
        _ethernetLength = length;
        _ethernetTags = tags;
    }

    internal void SetIpv4(int offset) => _ipv4Offset = offset;

    internal void SetTcp(int offset, int length)
    {
        _tcpOffset = offset;
        _tcpLength = length;
    }

    internal void SetUdp(int offset) => _udpOffset = offset;

    static void Absent(FrameLayer layer) =>
        throw new System.InvalidOperationException("the frame has no " + FrameNames.Layer(layer) + " header (ask Has first)");

    /// <summary>
    /// The IPv4 header checksum; None for IPv6, which has none. Computed on first use, so decoding
    /// headers costs no pass over the bytes when nobody asks.
    /// </summary>
    public ChecksumStatus NetworkChecksum
    {
        get
        {
            if (_network == Unchecked) _network = Has(FrameLayer.Ipv4) ? Ipv4.VerifyChecksum() : ChecksumStatus.None;
            return _network;
        }
    }

    /// <summary>The TCP, UDP, ICMP or ICMPv6 checksum (None without one); computed on first use.</summary>
    public ChecksumStatus TransportChecksum
    {
        get
        {
            if (_transport == Unchecked) _transport = VerifyTransport();
            return _transport;
        }
    }

    const ChecksumStatus Unchecked = (ChecksumStatus)(-1);
    ChecksumStatus _network;
    ChecksumStatus _transport;

    ChecksumStatus VerifyTransport()
    {
        if (_count == 0) return ChecksumStatus.None;
        // The pseudo-header's address part (RFC 9293 3.1, RFC 8200 8.1); protocol and length are added per header.
        uint addresses = Has(FrameLayer.Ipv6) ? Ipv6.PseudoHeaderSum(0, 0) : Has(FrameLayer.Ipv4) ? Ipv4.PseudoHeaderSum(0, 0) : 0;
        switch (_order[_count - 1])
        {
            case FrameLayer.Tcp: return Tcp.VerifyChecksum(addresses + (uint)IpProtocol.Tcp + (uint)Tcp.Length);
            // The UDP pseudo-header carries the UDP length field (RFC 768).
            case FrameLayer.Udp: return Udp.VerifyChecksum(addresses + (uint)IpProtocol.Udp + (uint)Udp.Length, Has(FrameLayer.Ipv6));
            case FrameLayer.Icmp: return Icmp.VerifyChecksum();
            case FrameLayer.Icmpv6: return Icmpv6.VerifyChecksum(addresses + (uint)IpProtocol.Icmpv6 + (uint)Icmpv6.Length);
            default: return ChecksumStatus.None;
        }
    }

    /// <summary>The IP packet is a fragment: headers past the first fragment are not decoded.</summary>
    public bool IsFragment { get; internal set; }

    /// <summary>Index in <see cref="Frame"/> of the bytes the last decoded header carries (TCP data, an unknown protocol).</summary>
    public int PayloadOffset { get; internal set; }
    public int PayloadLength { get; internal set; }

    /// <summary>Where and why decoding stopped early; offsets counted from the frame's first byte.</summary>
    public FrameError Error { get; internal set; }
    public bool HasError => !Error.IsNone;

    public int LayerCount => _count;
    public FrameLayer LayerAt(int index) => _order[index];

    public bool Has(FrameLayer layer) => (_present & (1 << (int)layer)) != 0;

    internal void Reset(byte[] frame, int offset, int length, LinkType link)
    {
        Frame = frame;
        FrameOffset = offset;
        FrameLength = length;
        Link = link;
        _count = 0;
        _present = 0;
        _network = Unchecked;
        _transport = Unchecked;
        IsFragment = false;
        PayloadOffset = offset;
        PayloadLength = 0;
        Error = default;
    }

    internal void Add(FrameLayer layer, int payloadOffset, int payloadLength)
    {
        _order[_count++] = layer;
        _present |= 1 << (int)layer;
        PayloadOffset = payloadOffset;
        PayloadLength = payloadLength;
    }

    /// <summary>Fields of layer <paramref name="layerIndex"/> (see <see cref="LayerAt"/>), for explaining it.</summary>
    public int FieldCount(int layerIndex) => _order[layerIndex] switch
    {
        FrameLayer.Ethernet => Ethernet.FieldCount,
        FrameLayer.LinuxSll => LinuxSll.FieldCount,
        FrameLayer.LinuxSll2 => LinuxSll2.FieldCount,
        FrameLayer.Loopback => Loopback.FieldCount,
        FrameLayer.Arp => Arp.FieldCount,
        FrameLayer.Ipv4 => Ipv4.FieldCount,
        FrameLayer.Ipv6 => Ipv6.FieldCount,
        FrameLayer.Tcp => Tcp.FieldCount,
        FrameLayer.Udp => Udp.FieldCount,
        FrameLayer.Icmp => Icmp.FieldCount,
        FrameLayer.Icmpv6 => Icmpv6.FieldCount,
        _ => 0,
    };

    public DecodedField GetField(int layerIndex, int fieldIndex) => _order[layerIndex] switch
    {
        FrameLayer.Ethernet => Ethernet.GetField(fieldIndex),
        FrameLayer.LinuxSll => LinuxSll.GetField(fieldIndex),
        FrameLayer.LinuxSll2 => LinuxSll2.GetField(fieldIndex),
        FrameLayer.Loopback => Loopback.GetField(fieldIndex),
        FrameLayer.Arp => Arp.GetField(fieldIndex),
        FrameLayer.Ipv4 => Ipv4.GetField(fieldIndex),
        FrameLayer.Ipv6 => Ipv6.GetField(fieldIndex),
        FrameLayer.Tcp => Tcp.GetField(fieldIndex),
        FrameLayer.Udp => Udp.GetField(fieldIndex),
        FrameLayer.Icmp => Icmp.GetField(fieldIndex),
        _ => Icmpv6.GetField(fieldIndex),
    };
}
