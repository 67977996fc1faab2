namespace Gateway.Core.Frames.Tests;

/// <summary>
/// Differential check: for every sample frame, every header field the decoder reports equals what
/// PacketDotNet 1.4.8 decodes from the same bytes.
/// </summary>
public class PacketDotNetCrossCheckTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var s in SampleFrames.All) data.Add(s.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_header_field_equals_packetdotnet(string name)
    {
        var (_, b, link) = Array.Find(SampleFrames.All, s => s.Name == name);
        PacketDotNetComparison.AssertAgrees(b, link);
    }
}
