namespace Gateway.Core.Frames.Tests;

/// <summary>
/// Frames written from the RFC layouts, byte for byte as a capture holds them (no FCS). Checksums are
/// real: IPv4 header checksums are right everywhere; TCP/UDP/ICMP ones are right unless the summary says
/// "offloaded" (only the pseudo-header sum, as Linux loopback captures show) or "wrong".
/// </summary>
public static class SampleFrames
{
    /// <summary>Ethernet (all-zero MACs, as tcpdump -i lo) / IPv4 127.0.0.1 > 127.0.0.1 / TCP 44444 > 2525 SYN, options MSS 65495, SACK_PERM, TS, NOP, WS 7; TCP checksum left to offload (74 bytes).</summary>
    public static readonly byte[] LoopbackSynOffloaded = Hex(
        "00000000000000000000000008004500003c3a1c40004006029e7f0000017f00" +
        "0001ad9c09ddb920b73900000000a002ffd7fe3000000204ffd70402080a0029" +
        "5a550000000001030307");

    /// <summary>the same SYN with its TCP checksum filled in (74 bytes).</summary>
    public static readonly byte[] LoopbackSynValid = Hex(
        "00000000000000000000000008004500003c3a1c40004006029e7f0000017f00" +
        "0001ad9c09ddb920b73900000000a002ffd7cdaf00000204ffd70402080a0029" +
        "5a550000000001030307");

    /// <summary>the same SYN with a wrong TCP checksum (0xdead) (74 bytes).</summary>
    public static readonly byte[] LoopbackSynCorrupt = Hex(
        "00000000000000000000000008004500003c3a1c40004006029e7f0000017f00" +
        "0001ad9c09ddb920b73900000000a002ffd7dead00000204ffd70402080a0029" +
        "5a550000000001030307");

    /// <summary>Ethernet / IPv4 192.168.1.20 > 192.168.1.1 TTL 64 / TCP PSH ACK with NOP NOP TS and "EHLO gateway\r\n" (80 bytes).</summary>
    public static readonly byte[] EhloData = Hex(
        "0242ac1100030242ac11000208004500004204d240004006b27ec0a80114c0a8" +
        "0101ad9c0019b920b73a36bbbe6d80180200410900000101080a00295ab80029" +
        "5a8645484c4f20676174657761790d0a");

    /// <summary>Ethernet / IPv4 / TCP ACK with NS, CWR, ECE set, window 0, NOP NOP SACK 1000-2000,3000-4000 (74 bytes).</summary>
    public static readonly byte[] SackEcnZeroWindow = Hex(
        "0242ac1100020242ac11000308004500003c009940003f06b7bdc0a80101c0a8" +
        "01140019ad9c36bbbe6db920b748a1d000009a2f000001010512000003e80000" +
        "07d000000bb800000fa0");

    /// <summary>Ethernet / 802.1Q VLAN 100 priority 5 / IPv4 / UDP 53000 > 53 (a DNS query) (75 bytes).</summary>
    public static readonly byte[] VlanUdp = Hex(
        "0242ac1100030242ac1100028100a064080045000039000700004011f747c0a8" +
        "0114c0a80101cf080035002531c5abcd01000001000000000000076578616d70" +
        "6c6503636f6d0000010001");

    /// <summary>Ethernet / 802.1ad service tag VLAN 200 / 802.1Q VLAN 100 / IPv4 / ICMP echo request id 0x1234 seq 1 (66 bytes).</summary>
    public static readonly byte[] QinQIcmpEcho = Hex(
        "ffffffffffff0242ac11000288a870c88100006408004500002c000840004001" +
        "b763c0a80114c0a801010800a27f123400016162636465666768696a6b6c6d6e" +
        "6f70");

    /// <summary>Ethernet broadcast / ARP who-has 192.168.1.1 tell 192.168.1.20, padded to 60 bytes (60 bytes).</summary>
    public static readonly byte[] ArpRequest = Hex(
        "ffffffffffff0242ac110002080600010800060400010242ac110002c0a80114" +
        "000000000000c0a80101000000000000000000000000000000000000");

    /// <summary>Ethernet / IPv4 with a Router Alert option (IHL 6) / UDP 5000 > 5001 "hello" (51 bytes).</summary>
    public static readonly byte[] Ipv4OptionsUdp = Hex(
        "0242ac1100030242ac1100020800460000250009400040112255c0a80114c0a8" +
        "01019404000013881389000d118b68656c6c6f");

    /// <summary>Ethernet / IPv4 first fragment (MF, offset 0) of a 1544-byte UDP datagram (1514 bytes).</summary>
    public static readonly byte[] Ipv4FirstFragment = Hex(
        "0242ac1100030242ac1100020800450005dc007720004011d134c0a80114c0a8" +
        "0101138813890608c7e8000102030405060708090a0b0c0d0e0f101112131415" +
        "161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455" +
        "565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475" +
        "767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495" +
        "969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5" +
        "b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5" +
        "d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5" +
        "f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415" +
        "161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455" +
        "565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475" +
        "767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495" +
        "969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5" +
        "b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5" +
        "d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5" +
        "f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415" +
        "161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455" +
        "565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475" +
        "767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495" +
        "969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5" +
        "b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5" +
        "d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5" +
        "f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415" +
        "161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455" +
        "565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475" +
        "767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495" +
        "969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5" +
        "b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5" +
        "d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5" +
        "f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415" +
        "161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455" +
        "565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475" +
        "767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495" +
        "969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5" +
        "b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5" +
        "d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5" +
        "f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415" +
        "161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455" +
        "565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475" +
        "767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495" +
        "969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5" +
        "b6b7b8b9babbbcbdbebf");

    /// <summary>Ethernet / IPv4 last fragment (offset 1480) of the same datagram (98 bytes).</summary>
    public static readonly byte[] Ipv4LastFragment = Hex(
        "0242ac1100030242ac110002080045000054007700b94011f603c0a80114c0a8" +
        "0101c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdd" +
        "dedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfd" +
        "feff");

    /// <summary>Ethernet / IPv6 2001:db8::1 > 2001:db8::2 with hop-by-hop (router alert), destination options, routing (type 4) / TCP SYN 44444 > 587 MSS 1440 (118 bytes).</summary>
    public static readonly byte[] Ipv6ExtensionsTcp = Hex(
        "0242ac1100030242ac11000286dd6b8123450040004020010db8000000000000" +
        "00000000000120010db80000000000000000000000023c000502000001002b00" +
        "010400000000060204010000000020010db8000000000000000000000002ad9c" +
        "024b00000001000000006002fd208fbc0000020405a0");

    /// <summary>Ethernet / IPv6 / fragment header (offset 0, M) / first 104 bytes of a UDP datagram (166 bytes).</summary>
    public static readonly byte[] Ipv6FirstFragment = Hex(
        "0242ac1100030242ac11000286dd6001234500702c4020010db8000000000000" +
        "00000000000120010db8000000000000000000000002110000010000cafe1388" +
        "138900d0a891000102030405060708090a0b0c0d0e0f10111213141516171819" +
        "1a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233343536373839" +
        "3a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50515253545556575859" +
        "5a5b5c5d5e5f");

    /// <summary>Ethernet / IPv6 / fragment header (offset 104) / rest of the UDP datagram (166 bytes).</summary>
    public static readonly byte[] Ipv6LastFragment = Hex(
        "0242ac1100030242ac11000286dd6001234500702c4020010db8000000000000" +
        "00000000000120010db8000000000000000000000002110000680000cafe6061" +
        "62636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f8081" +
        "82838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1" +
        "a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1" +
        "c2c3c4c5c6c7");

    /// <summary>raw IPv6 (link type 101/229) / ICMPv6 echo request id 0x42 seq 7 (52 bytes).</summary>
    public static readonly byte[] RawIpv6IcmpEcho = Hex(
        "60000000000c3aff20010db800000000000000000000000120010db800000000" +
        "00000000000000028000452a0042000770696e67");

    /// <summary>raw IPv4 (link type 101/228) / TCP 1110 > 50000 FIN ACK (40 bytes).</summary>
    public static readonly byte[] RawIpv4Fin = Hex(
        "450000280010400040063cbe7f0000017f0000010456c3500000004d0000004e" +
        "50110400e58f0000");

    /// <summary>Linux cooked v1 (113): outgoing (4) on loopback (ARPHRD 772) / IPv4 / TCP ACK, offloaded checksum (56 bytes).</summary>
    public static readonly byte[] SllTcp = Hex(
        "00040304000600000000000000000800450000280011400040063cbd7f000001" +
        "7f000001c35009dd000000050000000650100400fe1c0000");

    /// <summary>Linux cooked v2 (276): IPv4, interface 1, ARPHRD 772, to us (0) / IPv4 / TCP ACK, offloaded checksum (60 bytes).</summary>
    public static readonly byte[] Sll2Tcp = Hex(
        "0800000000000001030400060000000000000000450000280011400040063cbd" +
        "7f0000017f000001c35009dd000000050000000650100400fe1c0000");

    /// <summary>BSD loopback (0), family 2 little-endian / IPv4 / TCP ACK (44 bytes).</summary>
    public static readonly byte[] NullLittleEndianIpv4 = Hex(
        "02000000450000280011400040063cbd7f0000017f000001c35009dd00000005" +
        "0000000650100400fe1c0000");

    /// <summary>BSD loopback (0), family 30 (macOS AF_INET6) big-endian / IPv6 / ICMPv6 echo (56 bytes).</summary>
    public static readonly byte[] NullBigEndianIpv6 = Hex(
        "0000001e60000000000c3aff20010db800000000000000000000000120010db8" +
        "0000000000000000000000028000452a0042000770696e67");

    /// <summary>Every sample with the link type it is captured under: the cross-check and fuzz set.</summary>
    public static readonly (string Name, byte[] Frame, Gateway.Core.Frames.LinkType Link)[] All =
    {
        (nameof(LoopbackSynOffloaded), LoopbackSynOffloaded, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(LoopbackSynValid), LoopbackSynValid, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(LoopbackSynCorrupt), LoopbackSynCorrupt, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(EhloData), EhloData, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(SackEcnZeroWindow), SackEcnZeroWindow, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(VlanUdp), VlanUdp, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(QinQIcmpEcho), QinQIcmpEcho, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(ArpRequest), ArpRequest, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(Ipv4OptionsUdp), Ipv4OptionsUdp, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(Ipv4FirstFragment), Ipv4FirstFragment, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(Ipv4LastFragment), Ipv4LastFragment, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(Ipv6ExtensionsTcp), Ipv6ExtensionsTcp, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(Ipv6FirstFragment), Ipv6FirstFragment, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(Ipv6LastFragment), Ipv6LastFragment, Gateway.Core.Frames.LinkType.Ethernet),
        (nameof(RawIpv6IcmpEcho), RawIpv6IcmpEcho, Gateway.Core.Frames.LinkType.Raw),
        (nameof(RawIpv4Fin), RawIpv4Fin, Gateway.Core.Frames.LinkType.Raw),
        (nameof(SllTcp), SllTcp, Gateway.Core.Frames.LinkType.LinuxSll),
        (nameof(Sll2Tcp), Sll2Tcp, Gateway.Core.Frames.LinkType.LinuxSll2),
        (nameof(NullLittleEndianIpv4), NullLittleEndianIpv4, Gateway.Core.Frames.LinkType.Null),
        (nameof(NullBigEndianIpv6), NullBigEndianIpv6, Gateway.Core.Frames.LinkType.Null),
    };

    static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
