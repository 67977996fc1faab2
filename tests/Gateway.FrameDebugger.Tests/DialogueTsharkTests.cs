using Gateway.FrameDebugger.Capture;
using Gateway.FrameDebugger.Dialogue;
using Gateway.FrameDebugger.Tests.Support;

namespace Gateway.FrameDebugger.Tests;

/// <summary>
/// Differential check of the reassembly against Wireshark's: for every TCP connection of the captures
/// made from rig sessions, the client's and the server's byte streams equal `tshark -z follow,tcp,raw,N`.
/// </summary>
public class DialogueTsharkTests
{
    static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    [TsharkFact]
    public void Reassembled_streams_equal_tshark_follow_for_the_rig_session_captures()
    {
        int streams = 0;
        long bytes = 0;
        foreach (var name in new[] { "rig-pop3-plain.pcap", "rig-smtp-starttls.pcap", "rig-smtp-dropped.pcap", "loopback-smtp-like.pcap" })
        {
            var ours = MailDialogue.Read(CaptureReader.Open(File.OpenRead(Data(name))), showSecrets: true).Connections;
            var theirs = Tshark.FollowAll(Data(name));
            Assert.Equal(theirs.Count, ours.Count);
            foreach (var (node0, node1, from0, from1) in theirs)
            {
                var c = ours.Single(c => c.Client == node0 && c.Server == node1 || c.Client == node1 && c.Server == node0);
                bool clientIsNode0 = c.Client == node0;
                Assert.True(from0.Length + from1.Length > 0, $"{name}: tshark followed no bytes in {node0} <-> {node1}");
                Assert.Equal(clientIsNode0 ? from0 : from1, c.ClientBytes);
                Assert.Equal(clientIsNode0 ? from1 : from0, c.ServerBytes);
                streams++;
                bytes += from0.Length + from1.Length;
            }
        }
        Assert.True(streams >= 4 && bytes > 4000, $"only {streams} streams, {bytes} bytes compared");
    }
}
