namespace Gateway.Core.Frames;

/// <summary>
/// Decodes a captured frame layer by layer into a caller-owned <see cref="FrameLayers"/>: link header,
/// then ARP/IPv4/IPv6, then TCP/UDP/ICMP/ICMPv6 (not for IP fragments: their data is the payload).
/// Stops at the first header that does not fit and names it; never throws for any bytes and never
/// reads outside [offset, offset + length).
/// </summary>
public static class FrameDecoder
{
    /// <summary>Whether <see cref="Decode"/> knows the link type's header.</summary>
    public static bool IsSupported(LinkType link) =>
        link == LinkType.Null || link == LinkType.Ethernet || link == LinkType.Raw || link == LinkType.LinuxSll
        || link == LinkType.Ipv4 || link == LinkType.Ipv6 || link == LinkType.LinuxSll2;

    /// <returns>False when decoding stopped at an error (see <see cref="FrameLayers.Error"/>).</returns>
    public static bool Decode(byte[] frame, int offset, int length, LinkType link, FrameLayers result)
    {
        result.Reset(frame, offset, length, link);
        if (!NetworkOrder.IsSlice(frame, offset, length))
            return Fail(result, new FrameError(FrameLayer.Frame, FrameErrorKind.OutOfRange, offset), 0);
        // Ethernet first and in its own small method: this one stays small enough for the JIT to inline into it.
        if (link == LinkType.Ethernet) return Ethernet(result, frame, offset, length);
        return OtherLink(frame, offset, length, link, result);
    }

    /// <remarks>
    /// The frame's slice was checked in <see cref="Decode"/>: Ethernet, IPv4, TCP and UDP run every other
    /// check of their TryCreate (Check) and are stored as positions, without a view per layer.
    /// </remarks>
    static bool Ethernet(FrameLayers result, byte[] frame, int offset, int length)
    {
        int tags = EthernetView.Check(frame, offset, length, out var error);
        if (tags < 0) return Fail(result, error, offset);
        result.SetEthernet(offset, length, tags);
        int header = EthernetView.MinHeaderLength + tags * EthernetView.TagLength;
        result.Add(FrameLayer.Ethernet, offset + header, length - header);
        var type = (EtherType)FieldLayout.Read(frame, offset + tags * EthernetView.TagLength, EthernetView.Field.EtherType);
        // IPv4 directly: nearly every frame a mail gateway sees (one call less on the hot path).
        if (type == EtherType.Ipv4) return Ipv4(result, frame, offset + header, length - header);
        return Network(result, frame, type, offset + header, length - header);
    }

    static bool OtherLink(byte[] frame, int offset, int length, LinkType link, FrameLayers result)
    {
        FrameError error;
        switch (link)
        {
            case LinkType.LinuxSll:
                if (!LinuxSllView.TryCreate(frame, offset, length, out var sll, out error)) return Fail(result, error, offset);
                result.LinuxSll = sll;
                result.Add(FrameLayer.LinuxSll, sll.PayloadOffset, sll.PayloadLength);
                return Network(result, frame, sll.Protocol, sll.PayloadOffset, sll.PayloadLength);
            case LinkType.LinuxSll2:
                if (!LinuxSll2View.TryCreate(frame, offset, length, out var sll2, out error)) return Fail(result, error, offset);
                result.LinuxSll2 = sll2;
                result.Add(FrameLayer.LinuxSll2, sll2.PayloadOffset, sll2.PayloadLength);
                return Network(result, frame, sll2.Protocol, sll2.PayloadOffset, sll2.PayloadLength);
            case LinkType.Null:
                if (!LoopbackView.TryCreate(frame, offset, length, out var loop, out error)) return Fail(result, error, offset);
                result.Loopback = loop;
                result.Add(FrameLayer.Loopback, loop.PayloadOffset, loop.PayloadLength);
                if (loop.IsIpv4) return Ipv4(result, frame, loop.PayloadOffset, loop.PayloadLength);
                if (loop.IsIpv6) return Ipv6(result, frame, loop.PayloadOffset, loop.PayloadLength);
                return true; // another family: shown as payload
            case LinkType.Raw:
                if (length == 0) return Fail(result, new FrameError(FrameLayer.Frame, FrameErrorKind.Truncated, offset), offset);
                int version = frame[offset] >> 4;
                if (version == 4) return Ipv4(result, frame, offset, length);
                if (version == 6) return Ipv6(result, frame, offset, length);
                return Fail(result, new FrameError(FrameLayer.Frame, FrameErrorKind.BadVersion, offset), offset);
            case LinkType.Ipv4:
                return Ipv4(result, frame, offset, length);
            case LinkType.Ipv6:
                return Ipv6(result, frame, offset, length);
            default:
                return Fail(result, new FrameError(FrameLayer.Frame, FrameErrorKind.UnknownLinkType, offset), offset);
        }
    }

    static bool Fail(FrameLayers r, FrameError error, int frameOffset)
    {
        r.Error = error.Rebased(frameOffset);
        return false;
    }

    static bool Network(FrameLayers r, byte[] b, EtherType type, int at, int length)
    {
        switch (type)
        {
            case EtherType.Ipv4:
                return Ipv4(r, b, at, length);
            case EtherType.Ipv6:
                return Ipv6(r, b, at, length);
            case EtherType.Arp:
                if (!ArpView.TryCreate(b, at, length, out var arp, out var error)) return Fail(r, error, r.FrameOffset);
                r.Arp = arp;
                r.Add(FrameLayer.Arp, at + arp.Length, length - arp.Length);
                return true;
            default:
                return true; // unknown EtherType: its bytes stay as payload
        }
    }

    static bool Ipv4(FrameLayers r, byte[] b, int at, int length)
    {
        int header = Ipv4View.Check(b, at, length, out var error);
        if (header < 0) return Fail(r, error, r.FrameOffset);
        r.SetIpv4(at);
        int data = FieldLayout.Read(b, at, Ipv4View.Field.TotalLength) - header;
        r.Add(FrameLayer.Ipv4, at + header, data);
        // A fragment's transport header is incomplete or absent (RFC 791): it is decoded after reassembly.
        if (Ipv4View.IsFragmentAt(b, at))
        {
            r.IsFragment = true;
            return true;
        }
        var protocol = (IpProtocol)FieldLayout.Read(b, at, Ipv4View.Field.Protocol);
        if (protocol == IpProtocol.Tcp) return Tcp(r, b, at + header, data);
        return Transport(r, b, protocol, at + header, data, false);
    }

    static bool Ipv6(FrameLayers r, byte[] b, int at, int length)
    {
        if (!Ipv6View.TryCreate(b, at, length, out var ip, out var error)) return Fail(r, error, r.FrameOffset);
        r.Ipv6 = ip;
        r.Add(FrameLayer.Ipv6, ip.UpperOffset, ip.UpperLength);
        r.IsFragment = ip.IsFragment;
        if (ip.IsFragment) return true;
        return Transport(r, b, ip.UpperProtocol, ip.UpperOffset, ip.UpperLength, true);
    }

    static bool Tcp(FrameLayers r, byte[] b, int at, int length)
    {
        int header = TcpView.Check(b, at, length, out var error);
        if (header < 0) return Fail(r, error, r.FrameOffset);
        r.SetTcp(at, length);
        r.Add(FrameLayer.Tcp, at + header, length - header);
        return true;
    }

    /// <remarks>Checksums are left to <see cref="FrameLayers.TransportChecksum"/>, computed when asked.</remarks>
    static bool Transport(FrameLayers r, byte[] b, IpProtocol protocol, int at, int length, bool overIpv6)
    {
        FrameError error;
        switch (protocol)
        {
            case IpProtocol.Tcp:
                return Tcp(r, b, at, length);
            case IpProtocol.Udp:
            {
                int total = UdpView.Check(b, at, length, out error);
                if (total < 0) return Fail(r, error, r.FrameOffset);
                r.SetUdp(at);
                r.Add(FrameLayer.Udp, at + UdpView.HeaderLength, total - UdpView.HeaderLength);
                return true;
            }
            case IpProtocol.Icmp:
                if (overIpv6) return true;
                if (!IcmpView.TryCreate(b, at, length, out var icmp, out error)) return Fail(r, error, r.FrameOffset);
                r.Icmp = icmp;
                r.Add(FrameLayer.Icmp, icmp.PayloadOffset, icmp.PayloadLength);
                return true;
            case IpProtocol.Icmpv6:
                if (!overIpv6) return true;
                if (!IcmpView.TryCreateIcmpv6(b, at, length, out var icmp6, out error)) return Fail(r, error, r.FrameOffset);
                r.Icmpv6 = icmp6;
                r.Add(FrameLayer.Icmpv6, icmp6.PayloadOffset, icmp6.PayloadLength);
                return true;
            default:
                return true; // another protocol: its bytes stay as payload
        }
    }
}
