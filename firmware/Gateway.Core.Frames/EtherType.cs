namespace Gateway.Core.Frames;

/// <summary>
/// The protocol an Ethernet frame (or a cooked capture) carries. Any 16-bit value is kept:
/// an unnamed one is shown as hex, never rejected.
/// </summary>
public enum EtherType : ushort
{
    Ipv4 = 0x0800,
    Arp = 0x0806,
    /// <summary>IEEE 802.1Q customer VLAN tag.</summary>
    Vlan = 0x8100,
    Ipv6 = 0x86DD,
    /// <summary>IEEE 802.1ad service tag (QinQ outer tag).</summary>
    QinQ = 0x88A8,
    /// <summary>Pre-standard QinQ outer tag some switches still send.</summary>
    QinQLegacy = 0x9100,
}
