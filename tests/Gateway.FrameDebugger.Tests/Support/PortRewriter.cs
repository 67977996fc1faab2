using System.Buffers.Binary;
using Gateway.Core.Frames;

namespace Gateway.FrameDebugger.Tests.Support;

/// <summary>
/// Moves a real capture's TCP connections to other ports: a classic pcap (as tcpdump writes it) with its TCP
/// ports mapped, and each rewritten segment's checksum computed in full (RFC 793 3.1, RFC 8200 8.1 pseudo-headers),
/// so the copy is what the same session on those ports would have looked like on the wire.
/// Ethernet (1) and Linux cooked v2 (276) frames, IPv4 and IPv6; other frames are left as they are.
/// </summary>
public static class PortRewriter
{
    public const int Ethernet = 1, LinuxSll2 = 276;

    public static byte[] Rewrite(byte[] pcap, IReadOnlyDictionary<int, int> ports)
    {
        var b = (byte[])pcap.Clone();
        if (b.Length < 24 || BinaryPrimitives.ReadUInt32LittleEndian(b) is not (0xA1B2C3D4 or 0xA1B23C4D))
            throw new ArgumentException("not a little-endian classic pcap file");
        int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(20));
        if (link is not (Ethernet or LinuxSll2)) throw new ArgumentException($"link type {link}: only Ethernet and Linux cooked v2 are rewritten");
        for (int at = 24; at + 16 <= b.Length;)
        {
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at + 8));
            int frame = at + 16;
            if (frame + captured > b.Length) throw new ArgumentException($"record at byte {at} runs past the file's end");
            RewriteFrame(b, frame, captured, link, ports);
            at = frame + captured;
        }
        return b;
    }

    static void RewriteFrame(byte[] b, int frame, int captured, int link, IReadOnlyDictionary<int, int> ports)
    {
        int headerLength = link == Ethernet ? 14 : 20;
        if (captured < headerLength) return;
        int etherType = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(link == Ethernet ? frame + 12 : frame));
        int ip = frame + headerLength, tcp, tcpLength;
        uint pseudo;
        if (etherType == 0x0800 && captured >= headerLength + 20 && b[ip + 9] == 6)
        {
            int ihl = (b[ip] & 0x0F) * 4;
            tcp = ip + ihl;
            tcpLength = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(ip + 2)) - ihl;
            pseudo = InternetChecksum.Add(b, ip + 12, 8, (uint)(6 + tcpLength));
        }
        else if (etherType == 0x86DD && captured >= headerLength + 40 && b[ip + 6] == 6)
        {
            tcp = ip + 40;
            tcpLength = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(ip + 4));
            pseudo = InternetChecksum.Add(b, ip + 8, 32, (uint)(6 + tcpLength));
        }
        else return;
        if (tcpLength < 20 || tcp + tcpLength > frame + captured) return; // snapped: the checksum cannot be computed
        foreach (int field in new[] { tcp, tcp + 2 })
            if (ports.TryGetValue(BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(field)), out int port))
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(field), (ushort)port);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(tcp + 16), 0);
        int sum = ~InternetChecksum.Fold(InternetChecksum.Add(b, tcp, tcpLength, pseudo)) & 0xFFFF;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(tcp + 16), (ushort)sum);
    }
}
