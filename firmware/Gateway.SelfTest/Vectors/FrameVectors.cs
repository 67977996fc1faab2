using Gateway.Core.Frames;

namespace Gateway.SelfTest.Vectors;

/// <summary>Frame decoding on the device's runtime: a loopback SYN with options, its checksum states, a truncated frame.</summary>
public static class FrameVectors
{
    // Ethernet (zero MACs) / IPv4 127.0.0.1 > 127.0.0.1 / TCP 44444 > 2525 SYN, MSS 65495, SACK_PERM, TS, NOP, WS 7.
    const string Syn = "00000000000000000000000008004500003c3a1c40004006029e7f0000017f00"
        + "0001ad9c09ddb920b73900000000a002ffd7cdaf00000204ffd70402080a0029"
        + "5a550000000001030307";

    static byte[] Bytes(string hex)
    {
        var b = new byte[hex.Length / 2];
        for (int i = 0; i < b.Length; i++)
            b[i] = (byte)(Gateway.Core.Text.Ascii.HexValue(hex[2 * i]) * 16 + Gateway.Core.Text.Ascii.HexValue(hex[2 * i + 1]));
        return b;
    }

    public static void Run(SelfTestRunner t)
    {
        t.Test("frame: Ethernet/IPv4/TCP SYN with options decodes every layer", () =>
        {
            var f = Bytes(Syn);
            var r = new FrameLayers();
            t.True(FrameDecoder.Decode(f, 0, f.Length, LinkType.Ethernet, r), "decoded");
            t.True(r.Has(FrameLayer.Ethernet) && r.Has(FrameLayer.Ipv4) && r.Has(FrameLayer.Tcp), "three layers");
            t.Equal(64, r.Ipv4.Ttl);
            t.Equal(44444, r.Tcp.SourcePort);
            t.Equal(2525, r.Tcp.DestinationPort);
            t.True((r.Tcp.Flags & TcpFlags.Syn) != 0, "SYN flag");
            t.True(r.NetworkChecksum == ChecksumStatus.Valid, "IPv4 header checksum valid");
            t.True(r.TransportChecksum == ChecksumStatus.Valid, "TCP checksum valid");
        });
        t.Test("frame: a checksum left to offload is not called corrupt", () =>
        {
            var f = Bytes(Syn);
            f[50] = 0xfe; // the pseudo-header sum only, as loopback captures carry it
            f[51] = 0x30;
            var r = new FrameLayers();
            FrameDecoder.Decode(f, 0, f.Length, LinkType.Ethernet, r);
            t.True(r.TransportChecksum == ChecksumStatus.NotVerifiableOffloaded, "offloaded");
            f[50] = 0xde;
            f[51] = 0xad;
            FrameDecoder.Decode(f, 0, f.Length, LinkType.Ethernet, r);
            t.True(r.TransportChecksum == ChecksumStatus.Invalid, "a wrong one is flagged");
        });
        t.Test("frame: a truncated frame keeps the layers before the break", () =>
        {
            var f = Bytes(Syn);
            var r = new FrameLayers();
            t.True(!FrameDecoder.Decode(f, 0, 40, LinkType.Ethernet, r), "reports failure");
            t.True(r.Has(FrameLayer.Ethernet) && r.HasError, "Ethernet kept, error named");
        });
    }
}
