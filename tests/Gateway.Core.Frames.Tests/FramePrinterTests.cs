using Gateway.Core.Frames;

namespace Gateway.Core.Frames.Tests;

public class FramePrinterTests
{
    static string Print(byte[] b, int length, LinkType link = LinkType.Ethernet)
    {
        var r = new FrameLayers();
        FrameDecoder.Decode(b, 0, length, link, r);
        return FramePrinter.Print(r);
    }

    [Fact]
    public void One_indented_line_per_layer()
    {
        Assert.Equal(
            "Ethernet src=00:00:00:00:00:00 dst=00:00:00:00:00:00 type=IPv4\n" +
            "\\_ IPv4 src=127.0.0.1 dst=127.0.0.1 proto=TCP ttl=64 len=60 id=14876 DF cksum=valid\n" +
            " \\_ TCP src=44444 dst=2525 SYN seq=3105929017 win=65495 len=0 opts=MSS=65495,SACK_PERM,TS=2710101/0,NOP,WS=7 cksum=offloaded\n",
            Print(SampleFrames.LoopbackSynOffloaded, SampleFrames.LoopbackSynOffloaded.Length));
    }

    [Fact]
    public void Payload_and_vlan_tags_are_shown()
    {
        var text = Print(SampleFrames.VlanUdp, SampleFrames.VlanUdp.Length);
        Assert.StartsWith("Ethernet src=02:42:ac:11:00:02 dst=02:42:ac:11:00:03 802.1Q vlan=100 pcp=5 type=IPv4\n", text);
        Assert.EndsWith("  \\_ payload 29 bytes\n", text);
    }

    [Fact]
    public void Errors_are_inline_where_decoding_stopped()
    {
        var text = Print(SampleFrames.EhloData, 40);
        Assert.Equal(
            "Ethernet src=02:42:ac:11:00:02 dst=02:42:ac:11:00:03 type=IPv4\n" +
            "\\_ IPv4 error: truncated at offset 40\n",
            text);
    }

    [Fact]
    public void Fragments_say_so()
    {
        var text = Print(SampleFrames.Ipv6LastFragment, SampleFrames.Ipv6LastFragment.Length);
        Assert.Contains("+Fragment frag=104", text);
        Assert.EndsWith(" \\_ fragment data 104 bytes\n", text);
    }

    [Fact]
    public void Every_sample_prints()
    {
        foreach (var (name, frame, link) in SampleFrames.All)
        {
            var text = Print(frame, frame.Length, link);
            Assert.DoesNotContain("error", text);
            Assert.True(text.Split('\n').Length >= 2, name);
        }
    }
}
