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
        FrameError error;
        switch (link)
        {
            case LinkType.Ethernet:
                if (!EthernetView.TryCreate(frame, offset, length, out var eth, out error)) return Fail(result, error, offset);
                result.Ethernet = eth;
                result.Add(FrameLayer.Ethernet, eth.PayloadOffset, eth.PayloadLength);
                return Network(result, frame, eth.EtherType, eth.PayloadOffset, eth.PayloadLength);
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
        if (!Ipv4View.TryCreate(b, at, length, out var ip, out var error)) return Fail(r, error, r.FrameOffset);
        r.Ipv4 = ip;
        r.Add(FrameLayer.Ipv4, ip.PayloadOffset, ip.PayloadLength);
        r.IsFragment = ip.IsFragment;
        // A fragment's transport header is incomplete or absent (RFC 791): it is decoded after reassembly.
        if (ip.IsFragment) return true;
        return Transport(r, b, ip.Protocol, ip.PayloadOffset, ip.PayloadLength, false);
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

    /// <remarks>Checksums are left to <see cref="FrameLayers.TransportChecksum"/>, computed when asked.</remarks>
    static bool Transport(FrameLayers r, byte[] b, IpProtocol protocol, int at, int length, bool overIpv6)
    {
        FrameError error;
        switch (protocol)
        {
            case IpProtocol.Tcp:
                if (!TcpView.TryCreate(b, at, length, out var tcp, out error)) return Fail(r, error, r.FrameOffset);
                r.Tcp = tcp;
                r.Add(FrameLayer.Tcp, tcp.PayloadOffset, tcp.PayloadLength);
                return true;
            case IpProtocol.Udp:
                if (!UdpView.TryCreate(b, at, length, out var udp, out error)) return Fail(r, error, r.FrameOffset);
                r.Udp = udp;
                r.Add(FrameLayer.Udp, udp.PayloadOffset, udp.PayloadLength);
                return true;
            case IpProtocol.Icmp:
                if (overIpv6) return true;
                if (!IcmpView.TryCreate(b, at, length, out var icmp, out error)) return Fail(r, error, r.FrameOffset);
                r.Icmp = icmp;
                r.Add(FrameLayer.Icmp, icmp.PayloadOffset, icmp.PayloadLength);
                return true;
            case IpProtocol.Icmpv6:
                if (!overIpv6) return true;
                if (!Icmpv6View.TryCreate(b, at, length, out var icmp6, out error)) return Fail(r, error, r.FrameOffset);
                r.Icmpv6 = icmp6;
                r.Add(FrameLayer.Icmpv6, icmp6.PayloadOffset, icmp6.PayloadLength);
                return true;
            default:
                return true; // another protocol: its bytes stay as payload
        }
    }
}
